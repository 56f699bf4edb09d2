"""A scratch copy of the demo school (config/demo.json, config/demo/roster) run by the real
`lobsync`: `serve` on a free loopback port, mail through the smtp plugin to a real aiosmtpd
server (tests/fakes/smtp/smtp_server.py), the CLI for sync, plan, dispatch and remind, and the
store read back with sqlite3. Links are taken from the mails the SMTP server received.
"""

import base64
import csv
import datetime
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

PYTHON = "/usr/bin/python3"  # Debian's: aiosmtpd imports from it


def strip_comments(text):
    """The demo config is JSON with // comments (outside strings); Python's json has none."""
    out, in_string, i = [], False, 0
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def token_subject(link):
    """What a link's token grants: the subject claim of its payload ("<id>/<participant>")."""
    token = link.rsplit("/", 1)[1].split("?")[0]
    payload = token.split(".")[0]
    payload += "=" * (-len(payload) % 4)
    return json.loads(base64.urlsafe_b64decode(payload))["s"]


class Link:
    """One self-service link found in a delivered mail."""

    def __init__(self, url, kind, recipient, mail_number):
        self.url, self.kind, self.recipient, self.mail_number = url, kind, recipient, mail_number
        subject = token_subject(url)
        self.subject_id, _, self.participant = subject.partition("/")

    def __repr__(self):  # never the token
        return f"<{self.kind} link for {self.subject_id}/{self.participant} to {self.recipient}>"


class DemoSchool:
    def __init__(self, lobsync, plugin_dir, source_dir, work_dir, adult_students=2, look=None):
        """`look`: extra "school" keys (logo_file, accent_colour) for the config."""
        self.lobsync, self.plugin_dir, self.source = lobsync, plugin_dir, source_dir
        self.dir = work_dir
        self.processes = []
        self.parsed_mails = {}
        self.roster = os.path.join(self.dir, "roster")
        shutil.copytree(os.path.join(source_dir, "config/demo/roster"), self.roster)
        self.adults = self._make_adults(adult_students)
        self.demo = json.loads(strip_comments(open(os.path.join(source_dir, "config/demo.json"), encoding="utf-8").read()))
        self.school_name = self.demo["school"]["name"]
        self.look = look or {}

    # --- the roster copy -------------------------------------------------------------------

    def _rows(self, name):
        with open(os.path.join(self.roster, name + ".csv"), newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            return reader.fieldnames, list(reader)

    def _write_rows(self, name, fields, rows):
        with open(os.path.join(self.roster, name + ".csv"), "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def _make_adults(self, count):
        """The first `count` students of the top year with an e-mail address turn 18 long ago:
        they decide whether their parents may read their records. Returns their sourcedIds."""
        _, users = self._rows("users")
        students = [u for u in users if u["role"] == "student" and u["email"]]
        top = max(int(u["grades"]) for u in students)
        adults = [u["sourcedId"] for u in students if int(u["grades"]) == top][:count]
        fields, demographics = self._rows("demographics")
        for row in demographics:
            if row["sourcedId"] in adults:
                row["birthDate"] = "2000-01-15"
        self._write_rows("demographics", fields, demographics)
        return adults

    def student_leaves(self, source_id, last_day):
        """The SIS ends the student's enrollments: from `last_day` on the student has left."""
        fields, rows = self._rows("enrollments")
        for row in rows:
            if row["userSourcedId"] == source_id:
                row["endDate"] = last_day.isoformat()
        self._write_rows("enrollments", fields, rows)

    # --- processes -------------------------------------------------------------------------

    def _spawn(self, argv, log_name, **kwargs):
        log = open(os.path.join(self.dir, log_name), "w")
        p = subprocess.Popen(argv, stderr=log, start_new_session=True, **kwargs)
        self.processes.append(p)
        return p

    def start(self, assignment_days):
        self.smtp_dir = os.path.join(self.dir, "smtp")
        smtp = self._spawn([PYTHON, os.path.join(self.source, "tests/fakes/smtp/smtp_server.py"), "--port", "0",
                            "--out", self.smtp_dir], "smtp.log", stdout=subprocess.PIPE, text=True)
        smtp_port = int(smtp.stdout.readline())
        self.config_file = os.path.join(self.dir, "lobsync.json")
        self.config = self._config(smtp_port, assignment_days)
        self.write_config()
        # Serve first, on port 0; the links in the mails then point at it (public_url below).
        self.serve_log = os.path.join(self.dir, "serve.log")
        self._spawn([self.lobsync, "serve", "--config", self.config_file], "serve.log")
        port = self._wait_for_port()
        self.base = f"http://127.0.0.1:{port}"
        self.config["http"]["public_url"] = self.base
        self.write_config()

    # The conversation types whose record form asks whether the AanDeBak-garantie was discussed.
    # The demo's OneRoster roster carries no level, so it plans no profile choice (the shipped
    # type that asks it); the conversation with parents asks it here, so the flows click it.
    AANDEBAK_TYPES = ("parents",)

    def _config(self, smtp_port, assignment_days):
        demo = self.demo
        types = {t: {"aandebak": True} for t in self.AANDEBAK_TYPES}
        planning = dict(demo["planning"], mailer="smtp", types=dict(demo["planning"].get("types", {}), **types))
        roster = dict(demo["plugins"]["demo-roster"], path=self.roster)
        return {
            "school": dict(demo["school"], **self.look),
            "store": {"path": os.path.join(self.dir, "state/lobsync.db")},
            "plugin_dirs": [self.plugin_dir],
            "http": {"address": "127.0.0.1", "port": 0, "shutdown_grace_seconds": 5},
            "plugins": {
                "demo-roster": roster,
                "demo-calendar": {"plugin": "calendar-folder", "folder": os.path.join(self.dir, "calendar")},
                "smtp": {"plugin": "smtp", "host": "127.0.0.1", "port": smtp_port, "security": "none",
                         "allow_plaintext": True},
            },
            "planning": planning,
            # `lobsync dispatch` delivers: serve's own loop runs at its start (empty outbox), then
            # only when a page wakes it (a parent moved a meeting).
            "outbox": {"poll_interval_seconds": 24 * 3600},
            "notices": {"quiet_hours": ""},  # digests at any hour the test runs
            "assignments": {"days_before": assignment_days},
        }

    def write_config(self):
        with open(self.config_file, "w", encoding="utf-8") as f:
            json.dump(self.config, f, indent=1)

    def _wait_for_port(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(self.serve_log, encoding="utf-8", errors="replace") as f:
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", f.read())
            if m:
                return int(m.group(1))
            if self.processes[-1].poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("lobsync serve did not start:\n" + open(self.serve_log).read()[-3000:])

    def stop(self):
        for p in reversed(self.processes):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.processes:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()

    # --- the CLI and the store -------------------------------------------------------------

    def cli(self, *args):
        r = subprocess.run([self.lobsync, *args, "--config", self.config_file, "--json"], capture_output=True,
                           text=True, timeout=120)
        if r.returncode != 0:
            raise AssertionError(f"lobsync {args[0]} failed ({r.returncode}): {r.stdout}{r.stderr}")
        return json.loads(r.stdout)

    def record_form_link(self, meeting_id):
        r = subprocess.run([self.lobsync, "links", "record", "--meeting", meeting_id, "--config", self.config_file],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise AssertionError(f"lobsync links record failed: {r.stderr}")
        return r.stdout.strip().splitlines()[0]

    def query(self, sql, *params):
        db = sqlite3.connect(f"file:{os.path.join(self.dir, 'state/lobsync.db')}?mode=ro", uri=True, timeout=10)
        try:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute(sql, params)]
        finally:
            db.close()

    def resigned_link(self, link, valid_for_seconds):
        """The booking `link` signed again with the school's newest key, to expire
        `valid_for_seconds` from now (negative: expired). Token as links/token.h makes it:
        base64url(payload) "." base64url(HMAC-SHA256(key, payload))."""
        key = self.query("SELECT id, secret FROM link_keys ORDER BY id DESC LIMIT 1")[0]
        payload = json.dumps({"v": 1, "k": key["id"], "p": "booking", "s": f"{link.subject_id}/{link.participant}",
                              "e": int(time.time()) + valid_for_seconds}, separators=(",", ":")).encode()
        signature = hmac.new(bytes.fromhex(key["secret"]), payload, hashlib.sha256).digest()
        encode = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()  # noqa: E731
        return f"{self.base}/p/{encode(payload)}.{encode(signature)}"

    def move_to_past(self, meeting_id, hours_ago=2):
        """The meeting's time comes: it is moved to start `hours_ago` hours ago (same length), as
        a test's only write into the store."""
        db = sqlite3.connect(os.path.join(self.dir, "state/lobsync.db"), timeout=10)
        try:
            start = int(time.time() * 1000) - hours_ago * 3600 * 1000
            db.execute("UPDATE meetings SET end_ms = ?2 + (end_ms - start_ms), start_ms = ?2 WHERE id = ?1",
                       (meeting_id, start))
            db.commit()
        finally:
            db.close()

    def meetings(self):
        rows = self.query("SELECT * FROM meetings ORDER BY start_ms, id")
        for r in rows:
            r["participants"] = json.loads(r["participants"])
        return rows

    def meeting(self, meeting_id):
        return next(m for m in self.meetings() if m["id"] == meeting_id)

    # --- mail ------------------------------------------------------------------------------

    def mails(self):
        """Every delivered message, parsed by Python's email package: (n, recipient, parsed)."""
        sys.path.insert(0, os.path.join(self.source, "tests/fakes/ical"))
        from parse_mime import describe_message  # noqa: E402
        out = []
        names = [f for f in os.listdir(self.smtp_dir) if re.fullmatch(r"\d+\.json", f)]
        for name in sorted(names, key=lambda f: int(f[:-5])):
            n = int(name[:-5])
            if n not in self.parsed_mails:
                meta = json.load(open(os.path.join(self.smtp_dir, name)))
                with open(os.path.join(self.smtp_dir, f"{n}.eml"), "rb") as f:
                    self.parsed_mails[n] = (meta["rcpt"], describe_message(f.read()))
            out.append((n, *self.parsed_mails[n]))
        return out

    def links(self, kind, since=0):
        """The /<kind>/ links in the text of every message numbered above `since`."""
        pattern = re.compile(re.escape(self.base) + "/" + kind + r"/[A-Za-z0-9_\-.]+")
        found = []
        for n, rcpt, mail in self.mails():
            if n <= since:
                continue
            for url in pattern.findall(mail["text"] or ""):
                found.append(Link(url.rstrip("."), kind, rcpt, n))
        return found

    def last_mail_number(self):
        mails = self.mails()
        return mails[-1][0] if mails else 0


def today_in_amsterdam():
    from zoneinfo import ZoneInfo
    return datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
