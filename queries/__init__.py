"""Packaged as kg.queries, so that an installed kg finds these files (importlib.resources)."""
