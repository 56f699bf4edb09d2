#!/bin/bash
# Planning and invitation benchmark on a generated school: wall time and max RSS of
#   `lobsync plan --json` (place every conversation of the school year, build every invitation
#   and queue it in the outbox), `lobsync remind --json` (the day's digests: reminders and home
#   assignments of every meeting due, merged per recipient, queued) and `lobsync dispatch --json`
#   (deliver them: here through the smtp plugin to a real SMTP server on loopback,
#   tests/fakes/smtp/smtp_server.py on aiosmtpd).
# Everything lives in a temp folder that is removed at the end, with the SMTP server.
#
#   tests/bench/run_plan_bench.sh [--students N] [--no-dispatch] [--keep]
#
# Defaults: N = 2000. Needs a build (build/lobsync, build/plugins) and Debian's python3-aiosmtpd.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
LOBSYNC="${LOBSYNC:-$REPO/build/lobsync}"
PLUGINS="${LOBSYNC_PLUGIN_DIR:-$REPO/build/plugins}"
STUDENTS=2000
DISPATCH=1
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --students) STUDENTS="$2"; shift 2 ;;
    --no-dispatch) DISPATCH=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { [ "$(id -u)" = 0 ] && apt-get install -y time >/dev/null; } || { echo "install GNU time" >&2; exit 2; }
[ -x "$LOBSYNC" ] || { echo "no $LOBSYNC: build first" >&2; exit 2; }

TMP="$(mktemp -d /tmp/lobsync-plan-bench.XXXXXX)"
SMTP_PID=""
cleanup() {
  if [ -n "$SMTP_PID" ]; then kill "$SMTP_PID" 2>/dev/null || true; wait "$SMTP_PID" 2>/dev/null || true; fi
  if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

/usr/bin/python3 "$REPO/tests/bench/generate_school.py" --students "$STUDENTS" --seed 1 --format oneroster \
  --grades leerjaar --out "$TMP/roster" >/dev/null
mkdir -p "$TMP/mail"
/usr/bin/python3 "$REPO/tests/fakes/smtp/smtp_server.py" --port 0 --out "$TMP/mail" > "$TMP/smtp.port" 2>"$TMP/smtp.log" &
SMTP_PID=$!
for _ in $(seq 50); do [ -s "$TMP/smtp.port" ] && break; sleep 0.1; done
PORT="$(head -1 "$TMP/smtp.port")"

cat > "$TMP/lobsync.json" <<JSON
{
  "school": { "name": "Benchmark College" },
  "store": { "path": "$TMP/lobsync.db" },
  "plugin_dirs": ["$PLUGINS"],
  "plugins": {
    "roster": { "plugin": "oneroster", "path": "$TMP/roster", "grade_years": "leerjaar",
                "sync": { "max_removed_percent": 100 } },
    "smtp": { "plugin": "smtp", "host": "127.0.0.1", "port": $PORT, "security": "none", "allow_plaintext": true }
  },
  "planning": {
    "organizer": { "email": "lob@bench.example", "name": "LOB" },
    "mailer": "smtp",
    "school_year": { "start": "2026-08-01", "end": "2027-07-31" },
    "holidays": [ { "name": "Kerstvakantie", "from": "2026-12-19", "to": "2027-01-03" } ]
  },
  "http": { "public_url": "https://lob.bench.example" },
  "notices": { "quiet_hours": "", "reminder_days": [30, 7, 1] },
  "assignments": { "days_before": 30 },
  "outbox": { "batch": 500 }
}
JSON

measure() {  # name, command...
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$@" > "$TMP/$name.json" 2>"$TMP/$name.log"
  read -r wall user sys rss < "$TMP/time"
  echo "| $name | $wall | $user | $sys | $((rss / 1024)) | $(head -c 300 "$TMP/$name.json" | tr -d '\n' | cut -c1-160) |"
}

echo "students: $STUDENTS, $(date -u +%FT%TZ), $(nproc) cores"
echo
echo "| step | wall s | user s | sys s | max RSS MB | output (start) |"
echo "|---|---:|---:|---:|---:|---|"
"$LOBSYNC" sync --config "$TMP/lobsync.json" --json > /dev/null 2>"$TMP/sync.log"
measure plan "$LOBSYNC" plan --config "$TMP/lobsync.json" --json
measure replan "$LOBSYNC" plan --config "$TMP/lobsync.json" --json
measure remind "$LOBSYNC" remind --config "$TMP/lobsync.json" --json
measure remind-again "$LOBSYNC" remind --config "$TMP/lobsync.json" --json
if [ "$DISPATCH" = 1 ]; then
  measure dispatch "$LOBSYNC" dispatch --config "$TMP/lobsync.json" --json
  sent="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sent"])' "$TMP/dispatch.json")"
  wall="$(cut -d' ' -f1 "$TMP/time")"
  echo
  echo "delivered $sent messages; $(/usr/bin/python3 -c "print(round($sent / $wall, 1))") per second"
fi
