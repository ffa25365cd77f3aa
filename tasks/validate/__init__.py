"""Validate stage: quality checks (GX suites, cross-fact checks, near-duplicates) as result rows."""
