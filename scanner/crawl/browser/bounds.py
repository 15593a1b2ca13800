"""How long the crawl waits, at most, for the browser to do what it may never do."""

from __future__ import annotations

CLOSE_PAGE_S = 5.0  # a page to close, or one last read of a page, its jar or its storage
CLOSE_CONTEXT_S = 15.0  # a context or a browser to close (a trace to write first)
