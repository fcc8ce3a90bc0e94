"""Stage 2, the regional survey: instrument, workbook, intake of responses, closing rule and analysis."""
