"""The crawl layer: the only part of cookiescan that touches Playwright."""
