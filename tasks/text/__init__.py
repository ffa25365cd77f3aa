"""Text rules several stages share, one of each: script, numerals, dates, titles, HTML to lines."""
