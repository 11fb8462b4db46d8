"""Benchmarks: simulated store histories and the risk engine measured against them."""
