"""Reading import without the database: format detection, extraction, cleaning, section
splitting, citations and language. ``pipeline.parse_reading`` runs it all."""
