#!/bin/sh
# Configures and builds lobsync (with its tests) in build/. Used by demo.sh and test.sh.
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --parallel "$(nproc)"
