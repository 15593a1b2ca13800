"""The key-logging collector: a marker typed into a field and looked for in what the page sent."""
