#!/bin/sh
# Installs what the tests need, builds everything, and runs the whole test suite through CTest.
# The tests start their own servers on 127.0.0.1 and clean up after themselves.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
  deploy/install-deps.sh
  # The browser tests' driver (selenium) reaches chromedriver as "localhost". Every installed
  # Debian has that name in /etc/hosts; a bare root made by debootstrap has no /etc/hosts at all.
  if ! getent hosts localhost >/dev/null 2>&1; then
    printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >>/etc/hosts
  fi
fi
deploy/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
