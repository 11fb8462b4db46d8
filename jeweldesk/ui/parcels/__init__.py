"""Parcels out to vendors and back, and the vendors themselves."""
