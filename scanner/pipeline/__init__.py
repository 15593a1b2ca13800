"""The scan pipeline: settings -> crawl per state -> judge -> rules -> ScanResult."""
