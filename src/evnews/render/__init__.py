"""Renderers of an `Analysis`: rich tables, JSON."""
