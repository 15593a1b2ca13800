"""Subcommands of the cookiescan CLI: one module each, with ``register`` and ``run``."""
