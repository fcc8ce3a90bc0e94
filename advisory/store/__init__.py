"""Persistence: SQLAlchemy models, the unit of work and the repository over the project database."""
