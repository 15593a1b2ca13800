"""A visitor on the page: pointer, scroll and key (interaction), its pending timers (dwell)."""
