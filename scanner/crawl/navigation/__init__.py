"""Where to go: URL checks, same-site links, sitemaps, the first-party domains."""
