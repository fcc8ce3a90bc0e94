"""Prefect flows and tasks: thin sequences of the engine's stage runs, one flow run per round of the programme."""
