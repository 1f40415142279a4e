"""A linked-data publisher for anti-corruption news from Kazakhstan."""

__version__ = "0.1.0"
