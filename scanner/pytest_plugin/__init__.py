"""pytest plugin: cookie compliance assertions on pytest-playwright's own pages (cookie_audit)."""
