#!/bin/sh
# CI's short fuzzing: every libFuzzer target for SECONDS seconds (default 3) from its seeds, in
# its own build folder (build-fuzz-ci). The long runs that count towards the executions in
# README.md are made with run.sh by hand. Installs Debian's clang and its libFuzzer runtime when
# run as root and they are missing.
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-3}
if ! command -v clang++ >/dev/null 2>&1 || ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
  else
    echo "needs Debian's clang and libclang-rt-14-dev (apt-get install clang libclang-rt-14-dev, as root)" >&2
    exit 2
  fi
fi
LOBSYNC_FUZZ_BUILD=${LOBSYNC_FUZZ_BUILD:-$PWD/build-fuzz-ci} tests/fuzz/run.sh "$seconds"
