"""The browser: finding and installing Chromium, launching it on a fresh profile, the shared and
remote browsers, one state's context, its tabs and guards.
"""
