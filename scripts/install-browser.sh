#!/usr/bin/env bash
# Make sure cookiescan has a Chromium: Playwright's own where it can be downloaded, else the
# system package (Debian/Ubuntu `chromium`, installed with apt when running as root).
set -u

if cookiescan browser >/dev/null 2>&1; then
  cookiescan browser
  exit 0
fi

echo "install-browser: trying Playwright's own Chromium (playwright install chromium)..."
if timeout 300 python -m playwright install chromium >/tmp/cookiescan-playwright-install.log 2>&1 \
   && cookiescan browser >/dev/null 2>&1; then
  cookiescan browser
  exit 0
fi
echo "install-browser: Playwright's download is not available here; using the system Chromium."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  if apt-get install -y -qq chromium >/tmp/cookiescan-apt.log 2>&1 \
     || apt-get install -y -qq chromium-browser >>/tmp/cookiescan-apt.log 2>&1; then
    if cookiescan browser >/dev/null 2>&1; then
      cookiescan browser
      exit 0
    fi
  fi
  echo "install-browser: apt-get could not install chromium (see /tmp/cookiescan-apt.log)." >&2
fi

cat >&2 <<'MSG'
install-browser: no Chromium available. Install one of:
  - Debian/Ubuntu:  sudo apt-get install chromium        (or chromium-browser)
  - Fedora:         sudo dnf install chromium
  - macOS:          brew install --cask chromium
  - anywhere with downloads allowed:  .venv/bin/python -m playwright install chromium
or point COOKIESCAN_BROWSER at a Chromium/Chrome executable, then run make again.
MSG
exit 1
