#!/bin/sh
# Installs what the tests need, builds everything, and runs the whole test suite through CTest.
# The tests start their own servers on 127.0.0.1 and clean up after themselves.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then deploy/install-deps.sh; fi
deploy/build.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
