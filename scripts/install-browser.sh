#!/usr/bin/env bash
# Make sure cookiescan has a Chromium: `cookiescan browser --install` finds one, else downloads
# Playwright's own, else installs the system package (Debian/Ubuntu `chromium`) with apt-get when
# running as root, else prints exactly what to install (exit 3).
set -u
exec cookiescan browser --install
