"""One ticket's story and what the counter does to it."""
