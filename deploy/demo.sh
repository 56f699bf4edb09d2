#!/bin/sh
# Installs what lobsync needs, builds it, and runs the main job once on the embedded defaults:
# SQLite in out/demo/, the in-tree plugins, config/demo.json. Run from anywhere, as root on a
# fresh Debian 12 (or as a user who already has the packages of deploy/install-deps.sh).
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then deploy/install-deps.sh; fi
deploy/build.sh
mkdir -p out/demo
./build/lobsync config check config/demo.json
./build/lobsync plugins --config config/demo.json
./build/lobsync run-once --config config/demo.json
./build/lobsync status --config config/demo.json
./build/lobsync coverage --config config/demo.json
echo
echo "Demo state: out/demo/lobsync.db (SQLite; open with: sqlite3 out/demo/lobsync.db)."
echo "Invitations and digests: out/demo/mail/*.eml (one per recipient; open in any mail program);"
echo "  digest_*.eml bundle a family's home assignments and reminders, at most one a day."
echo "Mentors' calendar copies: out/demo/calendar/<mentor>/*.ics (import into any calendar)."
echo "Final conversation records land in out/demo/dossier; the full cycle (record, parent signs,"
echo "  dossier) is described in deploy/README.md."
echo "Plan again without changes: ./build/lobsync plan --config config/demo.json --json --verbose"
