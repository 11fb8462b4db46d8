"""The demo store's usual size and seed, apart from its maker so the command line can offer
them without loading it."""

DEFAULT_TICKETS = 2000
DEFAULT_SEED = 1
