"""Alembic environment: Tawthiq always passes an open connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from tawthiq.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
