"""Prefect flows (harvest, reprocess, their served entries), task runners and the batch window."""
