"""Data files shipped with cookiescan (loaded with importlib.resources)."""
