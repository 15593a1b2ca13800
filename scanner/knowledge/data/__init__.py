"""Bundled knowledge data files (JSON), read with importlib.resources."""
