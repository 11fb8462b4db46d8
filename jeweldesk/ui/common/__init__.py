"""What every screen shares: the context, the look, small widgets, tables, long work and
the paper preview."""
