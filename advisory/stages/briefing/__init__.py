"""Stage 5, the final policy briefing: recommendations tied to evidence, checked against the Do's and Don'ts."""
