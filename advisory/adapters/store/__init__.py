"""Persistence: SQLAlchemy models, Alembic migrations, the repositories and the unit of work."""
