"""Extract stage: report metadata, numeric facts, outline and keywords of a normalized report."""
