#!/bin/sh
# The whole test suite once more, with the daemon and the plugins built with GCC's
# AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/): a memory error, a leak at exit or
# undefined behaviour in daemon or plugin code that a test reaches stops that test with the
# sanitizer's report. The test code itself is not instrumented (-DLOBSYNC_SANITIZE, see the top
# CMakeLists.txt): half the compile time, and not what the run looks for.
# Run after deploy/test.sh (it installs what is needed); CI runs it (.ci/run). Environment:
# LOBSYNC_SANITIZE_BUILD (build folder, default build-asan), LOBSYNC_SANITIZE_TESTS (a ctest -R
# pattern, default all).
set -eu
cd "$(dirname "$0")/../.."
build=${LOBSYNC_SANITIZE_BUILD:-build-asan}
launcher=""
if command -v ccache >/dev/null 2>&1; then launcher=ccache; fi
# -O1 -g1, the usual level for sanitizer runs: at -O2 the instrumented build takes three times
# as long, and line tables are all a report needs.
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" \
  -DLOBSYNC_SANITIZE=address,undefined -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
# Reports go to stderr, which ctest shows for a failed test; abort_on_error makes a report a
# failure of the process that had it (a daemon run by an integration test included).
ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" --timeout 900 \
  ${LOBSYNC_SANITIZE_TESTS:+-R "$LOBSYNC_SANITIZE_TESTS"}
