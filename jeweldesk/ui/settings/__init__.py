"""Settings, for the manager, and the days-off form the bench shares."""
