"""Many sites: the summary of a --sites run, and shards merged into one portfolio."""
