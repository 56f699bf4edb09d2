#!/bin/sh
# Builds the fuzz targets with clang into build-fuzz/ and runs each for SECONDS seconds.
#
#   tests/fuzz/run.sh SECONDS [TARGET...]     (targets: the *_fuzz.cpp names without _fuzz; default all)
#
# Each target starts from a scratch copy of its checked-in corpus (tests/fuzz/corpus/<target>/),
# so what it discovers stays out of the tree. Prints per target the executions and whether it
# crashed; an input that crashed is kept in build-fuzz/crashes/<target>/ and the run exits 1.
# Everything runs at nice 19: fuzzing shares the machine with builds.
# Environment: LOBSYNC_FUZZ_BUILD (build folder, default build-fuzz), LOBSYNC_FUZZ_JOBS
# (compile jobs, default 2), LOBSYNC_FUZZ_RSS_MB (memory limit per target, default 2048),
# LOBSYNC_FUZZ_SKIP_BUILD=1 (run what is built: for several runs side by side on one build),
# LOBSYNC_FUZZ_RUNS (stop a target after this many executions, if SECONDS have not passed).
set -eu

if [ $# -lt 1 ] || ! [ "$1" -ge 1 ] 2>/dev/null; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
fuzz_dir=$root/tests/fuzz
build=${LOBSYNC_FUZZ_BUILD:-$root/build-fuzz}
jobs=${LOBSYNC_FUZZ_JOBS:-2}
rss_mb=${LOBSYNC_FUZZ_RSS_MB:-2048}

if [ $# -gt 0 ]; then
  targets="$*"
else
  targets=$(cd "$fuzz_dir" && ls -- *_fuzz.cpp | sed 's/_fuzz\.cpp$//')
fi
for t in $targets; do
  if [ ! -f "$fuzz_dir/${t}_fuzz.cpp" ]; then
    echo "unknown fuzz target '$t' (no tests/fuzz/${t}_fuzz.cpp)" >&2
    exit 2
  fi
done

if [ "${LOBSYNC_FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    launcher=""
    if command -v ccache >/dev/null 2>&1; then
      launcher="-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
    fi
    CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DLOBSYNC_FUZZ=ON -DLOBSYNC_BUILD_TESTS=OFF $launcher >/dev/null
  fi
  build_targets=""
  for t in $targets; do build_targets="$build_targets ${t}_fuzz"; done
  # shellcheck disable=SC2086 # one word per target
  nice -n 19 cmake --build "$build" --parallel "$jobs" --target $build_targets
fi

failed=0
printf '%-18s %14s %8s  %s\n' target executions seconds result
for t in $targets; do
  scratch=$build/corpus-run/$t
  crashes=$build/crashes/$t
  log=$build/logs/$t.log
  rm -rf "$scratch"
  mkdir -p "$scratch" "$crashes" "$build/logs"
  if [ -d "$fuzz_dir/corpus/$t" ]; then cp "$fuzz_dir/corpus/$t"/* "$scratch"/ 2>/dev/null || true; fi
  extra=""
  if [ -f "$fuzz_dir/$t.dict" ]; then extra="-dict=$fuzz_dir/$t.dict"; fi
  if [ -n "${LOBSYNC_FUZZ_RUNS:-}" ]; then extra="$extra -runs=$LOBSYNC_FUZZ_RUNS"; fi
  start=$(date +%s)
  status=0
  # -timeout: one input taking this long is a hang, reported like a crash.
  nice -n 19 "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout=30 \
    -print_final_stats=1 -artifact_prefix="$crashes/" $extra "$scratch" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  if [ "$status" -eq 0 ]; then
    result="no crash"
  else
    failed=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    result="CRASH (exit $status) ${artifact:-see $log}"
  fi
  printf '%-18s %14s %8s  %s\n' "$t" "${execs:-?}" "$elapsed" "$result"
  if [ "$status" -ne 0 ]; then
    grep -m 5 -E 'ERROR: |invariant violated|runtime error|SUMMARY' "$log" | sed 's/^/    /' || true
  fi
done
exit "$failed"
