#!/bin/sh
# Makes sure the headless browser for test/browser (the web console journeys) is present:
# Debian's chromium, plus CJK fonts so screenshots show the Chinese text instead of boxes.
# Idempotent: when /usr/bin/chromium exists it only says so and returns at once.
set -eu

CHROMIUM=/usr/bin/chromium
PACKAGES="chromium fonts-noto-cjk"

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM present"
  exit 0
fi

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "ensure-chromium: installing $PACKAGES"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
  if [ -x "$CHROMIUM" ]; then
    echo "ensure-chromium: $CHROMIUM installed"
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi

echo "ensure-chromium: $CHROMIUM is missing. Install it (Debian/Ubuntu, as root):" >&2
echo "  apt-get install -y --no-install-recommends $PACKAGES" >&2
exit 1
