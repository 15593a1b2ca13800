"""Collectors: one per recorded signal, each with its own page-side code and reading."""
