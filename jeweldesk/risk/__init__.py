"""Expected-ready dates and early warnings: a pure function of the store's history."""
