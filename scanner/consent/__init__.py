"""The consent engine: detect a consent manager, apply a choice, and check it took effect."""
