#!/bin/bash
# Roster sync benchmark: wall time, max RSS and counts of `lobsync sync --json` for
#   (a) a first full sync into an empty store, (b) an unchanged re-sync, (c) a re-sync with ~1%
#   of the students changed,
# for the oneroster and magister (files mode) plugins on data from generate_school.py, and for the
# somtoday plugin against tests/fakes/somtoday/fake_somtoday.py with its pages prepared in memory
# (fake_somtoday_prepared.py). Everything lives in a temp folder
# that is removed at the end, with the fake server, also on Ctrl-C.
#
#   tests/bench/run_sync_bench.sh [--students N] [--somtoday-students M] [--only "oneroster magister somtoday"]
#                                 [--results FILE] [--keep]
#
# Defaults: N = 50000, M = N, all three sources. Needs a build (build/lobsync, build/plugins).
# Measures with GNU time (`/usr/bin/time -v`); installs the Debian package `time` when missing
# and running as root.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
BENCH="$REPO/tests/bench"
LOBSYNC="${LOBSYNC:-$REPO/build/lobsync}"
PLUGINS="${LOBSYNC_PLUGIN_DIR:-$REPO/build/plugins}"
STUDENTS=50000
SOM_STUDENTS=""
ONLY="oneroster magister somtoday"
RESULTS=""
KEEP=0
SYNC_TIMEOUT="${SYNC_TIMEOUT:-1800}"

while [ $# -gt 0 ]; do
  case "$1" in
    --students) STUDENTS="$2"; shift 2 ;;
    --somtoday-students) SOM_STUDENTS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n 2,15p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
SOM_STUDENTS="${SOM_STUDENTS:-$STUDENTS}"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y time >/dev/null
  else
    echo "GNU time (/usr/bin/time) is missing: apt-get install time (as root)" >&2; exit 2
  fi
fi
[ -x "$LOBSYNC" ] || { echo "no $LOBSYNC: build first (see tests/bench/README.md)" >&2; exit 2; }

TMP="$(mktemp -d /tmp/lobsync-bench.XXXXXX)"
FAKE_PID=""
cleanup() {
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; fi
  if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ROWS="$TMP/rows.jsonl"
: > "$ROWS"

# measure SOURCE-LABEL RUN-LABEL CONFIG: one `lobsync sync --json` under GNU time; appends a row.
measure() {
  timed "$1" "$2" "$LOBSYNC" sync --config "$3" --json --log-level warn
}

# measure_floor SOURCE-LABEL FOLDER: the reference, Python's csv reading the export; appends a row.
measure_floor() {
  timed "$1" "floor: Python csv reads the export" /usr/bin/python3 "$BENCH/read_export_floor.py" "$2"
}

# timed SOURCE-LABEL RUN-LABEL COMMAND...: the command under GNU time, its JSON on stdout read
# for status and counts; appends a row.
timed() {
  local source="$1" run="$2" out="$TMP/out.json" tv="$TMP/time.txt" rc=0
  shift 2
  echo "== $source: $run" >&2
  /usr/bin/time -v -o "$tv" timeout "$SYNC_TIMEOUT" "$@" > "$out" 2> "$TMP/stderr.txt" || rc=$?
  [ -s "$TMP/stderr.txt" ] && sed 's/^/   log: /' "$TMP/stderr.txt" | head -5 >&2
  /usr/bin/python3 - "$source" "$run" "$rc" "$out" "$tv" >> "$ROWS" <<'EOF'
import json, re, sys
source, run, rc, out, tv = sys.argv[1:]
t = open(tv).read()
def field(name):
    m = re.search(r"^\s*" + re.escape(name) + r": (.*)$", t, re.M)
    return m.group(1).strip() if m else ""
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")] if wall else [0]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
row = {"source": source, "run": run, "exit": int(rc), "wall_s": round(seconds, 2),
       "user_s": float(field("User time (seconds)") or 0), "sys_s": float(field("System time (seconds)") or 0),
       "max_rss_mb": round(int(field("Maximum resident set size (kbytes)") or 0) / 1024, 1),
       # getrusage's blocks written, 512 bytes each: the store, its WAL and anything else.
       "writes_mb": round(int(field("File system outputs") or 0) * 512 / 1e6, 1)}
try:
    docs = [json.loads(line) for line in open(out, encoding="utf-8") if line.strip()]
    doc = docs[0] if docs else {}
except ValueError:
    text = open(out, encoding="utf-8").read()
    doc = json.loads(text) if text.strip() else {}
    if isinstance(doc, list):
        doc = doc[0]
row.update({"status": doc.get("status", "?"), "records_read": doc.get("records_read"),
            "problems": doc.get("problems_total"), "counts": doc.get("counts", {}), "reason": doc.get("reason", "")})
print(json.dumps(row, ensure_ascii=False))
c = row["counts"]
short = "  ".join(f"{k} +{v['added']} ~{v['updated']} -{v['removed']} ={v['unchanged']}" for k, v in sorted(c.items()))
print(f"   {row['status']} in {row['wall_s']} s, max RSS {row['max_rss_mb']} MB, wrote {row['writes_mb']} MB; {short}",
      file=sys.stderr)
EOF
}

# write_config FILE DB INSTANCE-JSON
write_config() {
  cat > "$1" <<EOF
{
  "school": { "name": "Benchmark", "timezone": "Europe/Amsterdam", "region": "noord" },
  "log": { "level": "warn" },
  "store": { "driver": "sqlite", "path": "$2" },
  "plugin_dirs": ["$PLUGINS"],
  "http": { "enabled": false },
  "plugins": { "bench": $3 }
}
EOF
}
SYNC_LIMITS='"sync": {"max_removed_percent": 100, "max_removed_count": 10000000}'

gen() {  # gen FORMAT OUT [extra generator args]: timed, one line to stderr
  local fmt="$1" out="$2"; shift 2
  local start end
  start=$(date +%s.%N)
  /usr/bin/python3 "$BENCH/generate_school.py" --students "$STUDENTS" --format "$fmt" --out "$out" "$@" --summary \
    > "$out.summary.json"
  end=$(date +%s.%N)
  echo "   generated $fmt ($*) in $(printf '%.1f' "$(echo "$end - $start" | bc)") s, $(du -sh "$out" | cut -f1)" >&2
}

for fmt in oneroster magister; do
  case " $ONLY " in *" $fmt "*) ;; *) continue ;; esac
  if [ ! -f "$PLUGINS/lobsync-$fmt.so" ]; then echo "== $fmt: no $PLUGINS/lobsync-$fmt.so, skipped" >&2; continue; fi
  dir="$TMP/$fmt"
  mkdir -p "$dir"
  gen "$fmt" "$dir/base" --seed 1
  gen "$fmt" "$dir/changed" --base-seed 1 --seed 2 --change-percent 1
  if [ "$fmt" = oneroster ]; then
    settings() { echo "{\"plugin\": \"oneroster\", \"path\": \"$1\", \"grade_years\": \"us\", $SYNC_LIMITS}"; }
  else
    settings() { echo "{\"plugin\": \"magister\", \"mode\": \"files\", \"folder\": \"$1\", $SYNC_LIMITS}"; }
  fi
  write_config "$dir/base.json" "$dir/store/lobsync.db" "$(settings "$dir/base")"
  write_config "$dir/changed.json" "$dir/store/lobsync.db" "$(settings "$dir/changed")"
  "$LOBSYNC" config check "$dir/base.json" >&2
  measure_floor "$fmt" "$dir/base"
  measure "$fmt" "a first sync" "$dir/base.json"
  measure "$fmt" "b unchanged" "$dir/base.json"
  measure "$fmt" "c 1% changed" "$dir/changed.json"
  echo "   store: $(du -h "$dir/store/lobsync.db" | cut -f1)" >&2
  rm -rf "$dir"  # the next source gets the disk and page cache to itself
done

start_fake() {  # start_fake SCRIPT [args]: sets FAKE_PID and PORT
  local log="$TMP/fake.out" start end
  : > "$log"
  start=$(date +%s.%N)
  /usr/bin/python3 "$@" > "$log" 2> "$TMP/fake.err" &
  FAKE_PID=$!
  for _ in $(seq 1 1200); do
    grep -q LISTENING "$log" && break
    kill -0 "$FAKE_PID" 2>/dev/null || { cat "$TMP/fake.err" >&2; echo "the fake server died" >&2; exit 1; }
    sleep 0.5
  done
  PORT=$(awk '/LISTENING/ {print $2}' "$log")
  [ -n "$PORT" ] || { echo "the fake server did not start" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "   fake Somtoday (${*:2}) listening on 127.0.0.1:$PORT after $(printf '%.1f' "$(echo "$end - $start" | bc)") s" >&2
}
stop_fake() {
  if [ -n "$FAKE_PID" ]; then kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; FAKE_PID=""; fi
}

if [[ " $ONLY " == *" somtoday "* ]]; then
  if [ ! -f "$PLUGINS/lobsync-somtoday.so" ]; then
    echo "== somtoday: no $PLUGINS/lobsync-somtoday.so, skipped" >&2
  else
    dir="$TMP/somtoday"
    mkdir -p "$dir"
    export LOBSYNC_BENCH_SOMTODAY_SECRET="s3cr3t-Somtoday!"
    som_args=(--students "$SOM_STUDENTS" --seed 1 --vestigingen 2)
    som_config() {
      write_config "$dir/config.json" "$dir/store/lobsync.db" "{\"plugin\": \"somtoday\",
        \"organisation\": \"0b0e3c1a-4f5e-4d7a-9c1b-2a3b4c5d6e7f\", \"client_id\": \"lobsync-test\",
        \"client_secret\": {\"env\": \"LOBSYNC_BENCH_SOMTODAY_SECRET\"},
        \"api_url\": \"http://127.0.0.1:$PORT/rest/v1\", \"token_url\": \"http://127.0.0.1:$PORT/oauth2/token\",
        $SYNC_LIMITS}"
    }
    start_fake "$BENCH/fake_somtoday_prepared.py" "${som_args[@]}"
    som_config
    timed "somtoday" "floor: Python fetches every page" /usr/bin/python3 "$BENCH/fetch_somtoday_floor.py" "$PORT" \
      0b0e3c1a-4f5e-4d7a-9c1b-2a3b4c5d6e7f lobsync-test "$LOBSYNC_BENCH_SOMTODAY_SECRET"
    measure "somtoday" "a first sync" "$dir/config.json"
    measure "somtoday" "b unchanged" "$dir/config.json"
    stop_fake
    start_fake "$BENCH/fake_somtoday_prepared.py" --change-percent 1 "${som_args[@]}"
    som_config
    measure "somtoday" "c 1% changed" "$dir/config.json"
    stop_fake
    echo "   store: $(du -h "$dir/store/lobsync.db" | cut -f1)" >&2
  fi
fi

# The table (markdown) on stdout, and the raw rows with --results.
/usr/bin/python3 - "$ROWS" "$STUDENTS" "$SOM_STUDENTS" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"students: {sys.argv[2]} (oneroster, magister), {sys.argv[3]} (somtoday fake)")
print()
print("| source | run | status | wall s | user s | sys s | max RSS MB | writes MB | records read | problems | students +/~/-/= | guardians +/~/-/= | × floor |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|")
floor = {}
for r in rows:
    c = r["counts"]
    f = lambda k: "{added}/{updated}/{removed}/{unchanged}".format(**c[k]) if k in c else ""
    if r["run"].startswith("floor"):
        floor[r["source"]] = r["wall_s"]
    ratio = f"{r['wall_s'] / floor[r['source']]:.1f}" if floor.get(r["source"]) and not r["run"].startswith("floor") else ""
    print(f"| {r['source']} | {r['run']} | {r['status']} | {r['wall_s']} | {r['user_s']} | {r['sys_s']} | "
          f"{r['max_rss_mb']} | {r['writes_mb']} | {r['records_read']} | {r['problems'] if r['problems'] is not None else ''} | "
          f"{f('students')} | {f('guardians')} | {ratio} |")
EOF
if [ -n "$RESULTS" ]; then cp "$ROWS" "$RESULTS"; fi
