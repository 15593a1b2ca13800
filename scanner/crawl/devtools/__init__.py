"""The DevTools plumbing under Playwright: page and worker targets, start holds, shared workers."""
