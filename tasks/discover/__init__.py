"""Discover stage: sources → report URLs, from a column page and its pagination.

The link rules are plain functions of a page (links.py, patterns.py); the pages themselves
come through the fetch stage's HTTP client (crawl.py), so discovery is as polite as fetching.
"""
