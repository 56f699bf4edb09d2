#!/bin/bash
# Dispatch benchmark: how fast `lobsync dispatch` delivers a queued outbox over SMTP, against a
# plain script sending the same number of messages of the same size, side by side in one run.
#
#   tests/bench/run_dispatch_bench.sh [--students N] [--connections "1 4"] [--keep]
#
# A school of N students (default 2000) is generated, synced, planned and reminded once, which
# queues its invitations and digests; then, for each connection count C, a copy of that store
# is dispatched by `lobsync dispatch --json` through the smtp plugin (instance setting
# "connections": C) to tests/bench/smtp_sink.py on loopback, a fresh sink per run. The
# reference, tests/bench/smtp_send_reference.py (Python's smtplib, messages prepared in
# memory), sends as many messages of the sink's average size over 1 and over C connections.
# GNU time gives lobsync's wall time, CPU and RSS; the sink reports its own CPU, to show it was
# not the bottleneck. Everything lives in a temp folder that is removed at the end.
#
# Needs a build (build/lobsync, build/plugins; LOBSYNC and LOBSYNC_PLUGIN_DIR override).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
LOBSYNC="${LOBSYNC:-$REPO/build/lobsync}"
PLUGINS="${LOBSYNC_PLUGIN_DIR:-$REPO/build/plugins}"
STUDENTS=2000
CONNECTIONS="1 4"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --students) STUDENTS="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n 2,16p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y time >/dev/null; } || { echo "install GNU time" >&2; exit 2; }
[ -x "$LOBSYNC" ] || { echo "no $LOBSYNC: build first" >&2; exit 2; }

TMP="$(mktemp -d /tmp/lobsync-dispatch-bench.XXXXXX)"
SINK_PID=""
stop_sink() {
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
  SINK_PID=""
}
cleanup() {
  stop_sink
  if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_sink() {  # stats file; sets SINK_PORT
  rm -f "$TMP/sink.port"
  /usr/bin/python3 "$REPO/tests/bench/smtp_sink.py" --port 0 --stats "$1" > "$TMP/sink.port" 2>>"$TMP/sink.log" &
  SINK_PID=$!
  for _ in $(seq 50); do [ -s "$TMP/sink.port" ] && break; sleep 0.1; done
  SINK_PORT="$(head -1 "$TMP/sink.port")"
}

write_config() {  # store path, sink port, connections
  cat > "$TMP/lobsync.json" <<JSON
{
  "school": { "name": "Benchmark College" },
  "store": { "path": "$1" },
  "plugin_dirs": ["$PLUGINS"],
  "plugins": {
    "roster": { "plugin": "oneroster", "path": "$TMP/roster", "grade_years": "leerjaar",
                "sync": { "max_removed_percent": 100 } },
    "smtp": { "plugin": "smtp", "host": "127.0.0.1", "port": $2, "security": "none", "allow_plaintext": true,
              "connections": $3 }
  },
  "planning": {
    "organizer": { "email": "lob@bench.example", "name": "LOB" },
    "mailer": "smtp",
    "school_year": { "start": "2026-08-01", "end": "2027-07-31" },
    "holidays": [ { "name": "Kerstvakantie", "from": "2026-12-19", "to": "2027-01-03" } ]
  },
  "http": { "public_url": "https://lob.bench.example" },
  "notices": { "quiet_hours": "", "reminder_days": [30, 7, 1] },
  "assignments": { "days_before": 30 }
}
JSON
}

json_field() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

/usr/bin/python3 "$REPO/tests/bench/generate_school.py" --students "$STUDENTS" --seed 1 --format oneroster \
  --grades leerjaar --out "$TMP/roster" >/dev/null
write_config "$TMP/queued.db" 25 1  # no mail is sent while queueing
"$LOBSYNC" sync --config "$TMP/lobsync.json" --json > /dev/null 2>"$TMP/queue.log"
"$LOBSYNC" plan --config "$TMP/lobsync.json" --json > /dev/null 2>>"$TMP/queue.log"
"$LOBSYNC" remind --config "$TMP/lobsync.json" --json > /dev/null 2>>"$TMP/queue.log"

echo "students: $STUDENTS, $(date -u +%FT%TZ), $(nproc) cores"
echo
echo "| run | connections | sent | wall s | user s | sys s | max RSS MB | messages/s | CPU ms per message | sink CPU s |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
SENT=0
BYTES=0
for c in $CONNECTIONS; do
  cp "$TMP/queued.db" "$TMP/run.db"
  start_sink "$TMP/sink-$c.json"
  write_config "$TMP/run.db" "$SINK_PORT" "$c"
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$LOBSYNC" dispatch --config "$TMP/lobsync.json" --json \
    > "$TMP/dispatch-$c.json" 2>"$TMP/dispatch-$c.log"
  stop_sink
  read -r wall user sys rss < "$TMP/time"
  SENT="$(json_field "$TMP/dispatch-$c.json" sent)"
  failed="$(json_field "$TMP/dispatch-$c.json" failed)"
  BYTES="$(json_field "$TMP/sink-$c.json" bytes)"
  received="$(json_field "$TMP/sink-$c.json" messages)"
  [ "$failed" = 0 ] || echo "warning: $failed items failed with $c connections" >&2
  [ "$received" = "$SENT" ] || echo "warning: the sink received $received messages, lobsync reports $SENT sent" >&2
  echo "| lobsync dispatch | $c | $SENT | $wall | $user | $sys | $((rss / 1024)) |" \
    "$(/usr/bin/python3 -c "print(round($SENT / $wall), '|', round(($user + $sys) * 1000 / max($SENT, 1), 3))") |" \
    "$(json_field "$TMP/sink-$c.json" cpu_s) |"
done

SIZE=$((BYTES / (SENT > 0 ? SENT : 1)))
for c in $(printf '1 %s\n' "$(echo "$CONNECTIONS" | tr ' ' '\n' | sort -n | tail -1)" | tr ' ' '\n' | sort -nu); do
  start_sink "$TMP/sink-ref-$c.json"
  /usr/bin/python3 "$REPO/tests/bench/smtp_send_reference.py" --port "$SINK_PORT" --messages "$SENT" --size "$SIZE" \
    --connections "$c" > "$TMP/ref-$c.json"
  stop_sink
  echo "| reference: smtplib, prepared messages | $c | $SENT | $(json_field "$TMP/ref-$c.json" wall_s) | | |" \
    "| $(json_field "$TMP/ref-$c.json" per_second) | $(json_field "$TMP/ref-$c.json" cpu_ms_per_message) |" \
    "$(json_field "$TMP/sink-ref-$c.json" cpu_s) |"
done
echo
echo "average message: $SIZE bytes"
