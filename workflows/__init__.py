"""Prefect flows: thin sequences of the engine's stage runs, one flow run per region."""
