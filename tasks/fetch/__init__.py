"""Fetch stage: report URLs → FetchedDocuments over one polite HTTP client, every attempt kept."""
