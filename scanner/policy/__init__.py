"""Cookie policies: read a published policy, compare it, and write declared-list drafts."""
