"""The window: Qt only. Widgets call services and never hold a database session."""
