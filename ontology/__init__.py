"""Packaged as kg.ontology, so that an installed kg finds these files (importlib.resources)."""
