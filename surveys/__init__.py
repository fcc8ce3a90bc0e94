"""The regional survey: instrument, intake of responses, analysis (stage 2)."""
