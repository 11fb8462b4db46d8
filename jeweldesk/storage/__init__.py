"""Where the records live: engines, sessions, migrations, backups."""
