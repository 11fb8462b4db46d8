"""The Alembic environment and revisions, shipped in the package as jeweldesk.db."""
