"""The demo store's usual size, seed and PIN, apart from its maker so the command line and
the sign-in can offer them without loading it."""

DEFAULT_TICKETS = 2000
DEFAULT_SEED = 1
DEMO_PIN = "1234"  # everyone's, and the sign-in says so
