"""The counter: intake, pickup, customers and the tickets board."""
