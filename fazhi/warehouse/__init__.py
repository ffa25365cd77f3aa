"""What reads the warehouse for people: queries and their output formats, export, report page."""
