"""The bench: a jeweler's queue and the scan box."""
