"""The storage collector: write hooks, reading every frame's storage, writer attribution."""
