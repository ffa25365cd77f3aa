"""Normalize stage: stripped pages in canonical form (simplified, half-width, PDF breaks undone)."""
