"""Starting up: the first start and signing in."""
