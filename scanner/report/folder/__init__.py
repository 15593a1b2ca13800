"""The reports folder on disk: one folder per scan, latest/, the lock and the index page."""
