"""Alembic environment: runs migrations on the engine handed over by `advisory.adapters.store.database.migrate`."""

from alembic import context

from advisory.adapters.store.models import Base

connectable = context.config.attributes["engine"]
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
