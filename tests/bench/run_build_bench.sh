#!/bin/sh
# The clean build, side by side for several commits: each REF is checked out into a scratch
# worktree and built from nothing (no ccache) the way deploy/build.sh builds it, one after the
# other on the same machine. Prints a markdown table: wall, user and sys seconds of the whole
# build, and the compile seconds (wall per unit, summed from .ninja_log) of the daemon, the
# plugins and the tests. Nothing passes or fails.
#
#   tests/bench/run_build_bench.sh [REF...]     (default: HEAD~1 HEAD)
#
# Environment: JOBS (parallel compile jobs, default nproc), KEEP=1 (keep the worktrees in
# $TMPDIR/lobsync-build-bench for a look at .ninja_log).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
jobs=${JOBS:-$(nproc)}
[ $# -gt 0 ] || set -- HEAD~1 HEAD
scratch=${TMPDIR:-/tmp}/lobsync-build-bench
rm -rf "$scratch"
mkdir -p "$scratch"
cleanup() {
  [ "${KEEP:-0}" = 1 ] && return
  for d in "$scratch"/*/; do
    [ -d "$d" ] && git -C "$root" worktree remove --force "$d" >/dev/null 2>&1 || true
  done
  rm -rf "$scratch"
  git -C "$root" worktree prune
}
trap cleanup EXIT

echo "| commit | wall s | user s | sys s | units | daemon s | plugins s | tests s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for ref in "$@"; do
  commit=$(git -C "$root" rev-parse --short "$ref")
  tree=$scratch/$commit
  git -C "$root" worktree add --detach "$tree" "$commit" >/dev/null 2>&1
  cmake -S "$tree" -B "$tree/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER_LAUNCHER= -DCMAKE_C_COMPILER_LAUNCHER= >/dev/null
  CCACHE_DISABLE=1 /usr/bin/time -f "%e %U %S" -o "$tree/time.txt" \
    cmake --build "$tree/build" --parallel "$jobs" >"$tree/build.log" 2>&1 || {
    echo "build of $ref failed: $tree/build.log" >&2
    KEEP=1
    exit 1
  }
  read -r wall user sys <"$tree/time.txt"
  # .ninja_log: start and end (ms) of each output; object files only, by the folder they are in.
  areas=$(awk 'NR > 1 && $4 ~ /\.o$/ {
      ms = $2 - $1; n++
      if ($4 ~ /^daemon\//) d += ms; else if ($4 ~ /^plugins\//) p += ms; else if ($4 ~ /^tests\//) t += ms
    } END { printf "%d | %.0f | %.0f | %.0f", n, d / 1000, p / 1000, t / 1000 }' "$tree/build/.ninja_log")
  echo "| $commit ($ref) | $wall | $user | $sys | $areas |"
done
