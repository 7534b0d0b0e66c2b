"""Alembic environment and revision scripts of the sitrep store (see ``sitrep.store.migrate``)."""
