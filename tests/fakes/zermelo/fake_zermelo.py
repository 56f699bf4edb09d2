#!/usr/bin/python3
"""A fake Zermelo portal (REST API v3) for the zermelo plugin's tests; standard library only.

Binds 127.0.0.1 on a free port and prints "LISTENING <port>". What it serves follows Zermelo's
published documentation (confluence.zermelo.nl, "Appointment", "API Authentication", "General
API Information") and public clients of /api/v3/appointments; see plugins/zermelo/README.md for
which of these are confirmed and which are guesses:
  GET /api/v3/appointments?user=CODE|~me | teachers=A,B  &start=UNIX&end=UNIX
      [&valid=true|false][&cancelled=true|false][&fields=a,b,…][&access_token=T]
      token: "Authorization: Bearer T" or access_token=T; else 401
      appointments whose start lies in [start, end); user=CODE: that user's schedule (404 for an
      unknown user); teachers: appointments naming any of them
      → {"response":{"status":200,"message":"","details":"","eventId":0,"startRow":0,"endRow":n,
         "totalRows":n,"data":[…]}}; errors in the same envelope with their status
Test controls (not part of Zermelo):
  GET  /_stats         {"requests":[{"user","teachers","start","end","fields","auth"}, …]}
  GET  /_appointments?teacher=CODE   every appointment (all versions) naming that teacher
  POST /_control       JSON, any of:
       {"appointments":[{…}]}      appended (Zermelo shape; "id" given or numbered)
       {"forbid_others":true}      the token may read only its own user (~me): 403 for others
       {"max_rows":N}              answers hold at most N rows (totalRows stays the full count)
       {"rules":[{"match":"jan","status":429,"times":1,"retry_after":"3","raw":null,"body":null}]}
                                   match: a code in user/teachers ("" = any); raw: answer 200 with
                                   this text; body: answer 200 with this JSON
"""

import argparse
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from timetable import TEACHERS, Timetable

TOKEN_USER = "lobsync"  # the user the API token belongs to (~me)
MESSAGES = {400: "Bad Request", 401: "Unauthorized", 403: "Access denied", 404: "Not Found",
            429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


class State:
    def __init__(self, args):
        self.token = args.token
        today = datetime.date.today()
        first = min(datetime.date(2026, 8, 17), today - datetime.timedelta(days=14))
        last = max(datetime.date(2027, 7, 16), today + datetime.timedelta(days=420))
        self.timetable = Timetable(first, last)
        self.lock = threading.Lock()
        self.rules = []
        self.forbid_others = False
        self.max_rows = None
        self.requests = []


def envelope(status, data=None, message=None, total=None):
    data = data or []
    return {"response": {"status": status, "message": MESSAGES.get(status, "") if message is None else message,
                         "details": "", "eventId": 0, "startRow": 0, "endRow": len(data),
                         "totalRows": len(data) if total is None else total, "data": data}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main()

    def do_GET(self):
        url = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        if url.path == "/api/v3/appointments":
            self.appointments()
        elif url.path == "/_stats":
            with self.state.lock:
                self.json(200, {"requests": self.state.requests})
        elif url.path == "/_appointments":
            with self.state.lock:
                self.json(200, self.state.timetable.of_teachers([self.query.get("teacher", "")]))
        else:
            self.json(404, envelope(404))

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if urlsplit(self.path).path != "/_control":
            return self.json(404, envelope(404))
        doc = json.loads(body or b"{}")
        s = self.state
        with s.lock:
            for a in doc.get("appointments", []):
                a.setdefault("id", s.timetable.next_id)
                s.timetable.next_id += 1
                s.timetable.appointments.append(a)
            s.rules.extend(doc.get("rules", []))
            if "forbid_others" in doc:
                s.forbid_others = bool(doc["forbid_others"])
            if "max_rows" in doc:
                s.max_rows = doc["max_rows"]
        self.json(200, {"ok": True})

    def send(self, status, body, content_type="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def json(self, status, doc, headers=()):
        self.send(status, json.dumps(doc, ensure_ascii=False).encode("utf-8"), headers=headers)

    def authorised(self):
        header = self.headers.get("Authorization", "")
        if header.startswith("Bearer ") and header[7:] == self.state.token:
            return "header"
        if self.query.get("access_token") == self.state.token:
            return "query"
        return None

    def matching_rule(self, codes):
        with self.state.lock:
            for rule in self.state.rules:
                if rule.get("match", "") and rule["match"] not in codes:
                    continue
                if rule.get("times") is not None:
                    if rule["times"] <= 0:
                        continue
                    rule["times"] -= 1
                return rule
        return None

    def appointments(self):
        s = self.state
        auth = self.authorised()
        user = self.query.get("user")
        teachers = [t for t in self.query.get("teachers", "").split(",") if t] if "teachers" in self.query else None
        with s.lock:
            s.requests.append({"user": user, "teachers": teachers, "start": self.query.get("start"),
                               "end": self.query.get("end"), "fields": self.query.get("fields"), "auth": auth})
        if auth is None:
            return self.json(401, envelope(401))
        codes = [user] if user else (teachers or [])
        rule = self.matching_rule(codes)
        if rule and rule.get("status"):
            headers = [("Retry-After", rule["retry_after"])] if rule.get("retry_after") is not None else []
            return self.json(rule["status"], envelope(rule["status"], message=rule.get("message")), headers)
        if rule and rule.get("raw") is not None:
            return self.send(200, rule["raw"].encode("utf-8"), rule.get("content_type", "text/html"))
        if rule and rule.get("body") is not None:
            return self.json(200, rule["body"])
        try:
            start, end = int(self.query["start"]), int(self.query["end"])
        except (KeyError, ValueError):
            return self.json(400, envelope(400, message="start and end must be Unix times"))
        if user is not None and user not in ("~me", TOKEN_USER):
            if s.forbid_others:
                return self.json(403, envelope(403))
            if user not in TEACHERS:
                return self.json(404, envelope(404, message=f"User {user} not found"))
        if user is None and teachers is not None and s.forbid_others:
            return self.json(403, envelope(403))
        with s.lock:
            if user in ("~me", TOKEN_USER):
                chosen = []
            elif user is not None:
                chosen = s.timetable.of_teachers([user])
            elif teachers is not None:
                chosen = s.timetable.of_teachers(teachers)
            else:
                chosen = list(s.timetable.appointments)
            max_rows = s.max_rows
        chosen = [a for a in chosen if start <= a["start"] < end]
        for flag in ("valid", "cancelled"):
            if flag in self.query:
                wanted = self.query[flag] == "true"
                chosen = [a for a in chosen if a.get(flag) == wanted]
        chosen.sort(key=lambda a: (a["start"], a["id"]))
        if "fields" in self.query:
            fields = self.query["fields"].split(",")
            chosen = [{k: a[k] for k in fields if k in a} for a in chosen]
        total = len(chosen)
        if max_rows is not None:
            chosen = chosen[:max_rows]
        self.json(200, envelope(200, chosen, message="", total=total))

    def log_message(self, fmt, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--token", default="zermelo-test-token")
    args = parser.parse_args()
    Handler.state = State(args)
    server = Server(("127.0.0.1", 0), Handler)
    print("LISTENING", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
