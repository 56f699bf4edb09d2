#!/usr/bin/python3
"""A fake of the Microsoft Graph v1.0 endpoints the microsoft365 plugin uses, in their published
shapes, with the fake Microsoft identity platform token endpoint (tests/fakes/oauth) on the same
port. Run with Debian's /usr/bin/python3; prints "LISTENING <port>".

  --oauth CONFIG   the token endpoint's config (token_server.py); tokens for
                   https://graph.microsoft.com/.default are required on every Graph call
  --mailbox ADDR   a mailbox that exists (repeat); others answer 404 ErrorInvalidUser

Graph routes (prefix /v1.0):
  POST /users/{mailbox}/sendMail                   Content-Type text/plain, body the MIME message
        in base64 → 202 (empty); stored with its Message-ID; saved to Sent Items
  GET  /users/{mailbox}/mailFolders/SentItems/messages?$filter=internetMessageId eq '<id>'
        → {"value": [{"id", "internetMessageId"}]}, paged by @odata.nextLink (one per page)
  POST /users/{mailbox}/calendar/getSchedule       {"schedules": [...] (at most 20),
        "startTime"/"endTime": {"dateTime","timeZone"}, "availabilityViewInterval"} →
        {"value": [{"scheduleId", "availabilityView", "scheduleItems": [{"status", "start":
        {"dateTime","timeZone":"UTC"}, "end"}]} or {"scheduleId", "error": {"message",
        "responseCode"}}]}; times in UTC (the plugin asks with Prefer: outlook.timezone="UTC")
  POST/GET /users/{mailbox}/events, PATCH/DELETE /users/{mailbox}/events/{id}: the calendar
        writer's routes, see graph_events.py
Errors use Graph's envelope {"error": {"code", "message"}}.

Controls: POST /_control {"schedules": {"email": [{"status","start","end"}]} (UTC "Z" times),
  "raw_schedules": {"email": scheduleInformation answered as given}, "unreadable": [emails], "throttle": n (the next n Graph calls get 429 Retry-After: 1),
  "lose_response": n (the next n sendMail calls are carried out, then answered 504),
  "deny": "Mail.Send" | "Calendars.Read" | "Calendars.ReadWrite" | null (403 ErrorAccessDenied for
  that kind of call), "lose_event_response": n (the next n event creates are carried out, then
  answered 504), "seed_events": {"mailbox": [event …]} (events made elsewhere, e.g. by hand),
  "event_link_base": URL (the event search's @odata.nextLink points there: a forged host),
  "revoke_after": n (after the next n accepted calls every token issued so far is revoked: a
  renewal in the middle of a run), and any token endpoint control (revoke_all, advance_seconds, lifetime, fail_next)}.
GET /_stats {"sendmail": n, "sent": {"<message-id>": count}, "messages": [base64 MIME …],
  "getschedule_batches": [sizes], "throttled": n, "unauthorized": n, "events": {"mailbox": [event]},
  "event_calls": {"create", "patch", "delete", "list", "invitations"}, plus the token stats}.
"""

import argparse
import base64
import binascii
import email.parser
import email.policy
import json
import os
import signal
import sys
import threading
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oauth"))
import token_server  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import graph_events  # noqa: E402

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
MAX_SCHEDULES = 20


def graph_error(status, code, message):
    return status, {"error": {"code": code, "message": message, "innerError": {"request-id": "fake"}}}


def parse_utc(text):
    return datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


class Graph:
    def __init__(self, issuer, mailboxes):
        self.issuer = issuer
        self.mailboxes = set(m.lower() for m in mailboxes)
        self.lock = threading.Lock()
        self.schedules = {}
        self.raw_schedules = {}  # email -> a scheduleInformation answered verbatim (odd shapes)
        self.unreadable = set()
        self.throttle = 0
        self.revoke_after = 0
        self.lose_response = 0
        self.deny = None
        self.sent_items = {}  # mailbox -> [{"id","internetMessageId"}]
        self.events = graph_events.Events(self)
        self.stats = {"sendmail": 0, "sent": {}, "messages": [], "getschedule_batches": [], "throttled": 0,
                      "unauthorized": 0}

    def control(self, doc):
        with self.lock:
            if "schedules" in doc:
                self.schedules.update({k.lower(): v for k, v in doc["schedules"].items()})
            if "raw_schedules" in doc:
                self.raw_schedules = {k.lower(): v for k, v in doc["raw_schedules"].items()}
            if "unreadable" in doc:
                self.unreadable = set(e.lower() for e in doc["unreadable"])
            for key in ("throttle", "lose_response", "revoke_after"):
                if key in doc:
                    setattr(self, key, int(doc[key]))
            if "deny" in doc:
                self.deny = doc["deny"]
        self.events.control(doc)
        self.issuer.control(doc)

    def authorize(self, headers):
        auth = headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        if not token or self.issuer.check(token, scope_suffix=GRAPH_SCOPE) is None:
            self.stats["unauthorized"] += 1
            return graph_error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        with self.lock:
            # Every token issued so far ends after this many more calls: a renewal mid-run.
            revoke = self.revoke_after == 1
            self.revoke_after = max(0, self.revoke_after - 1)
        if revoke:
            self.issuer.control({"revoke_all": True})
        return None

    def route(self, method, path, query, headers, body):
        refused = self.authorize(headers)
        if refused:
            return refused
        with self.lock:
            if self.throttle > 0:
                self.throttle -= 1
                self.stats["throttled"] += 1
                return 429, {"error": {"code": "TooManyRequests", "message": "Too many requests"}}, {"Retry-After": "1"}
        parts = path.strip("/").split("/")
        if len(parts) < 4 or parts[0] != "v1.0" or parts[1] != "users":
            return graph_error(400, "BadRequest", "Resource not found for the segment.")
        mailbox = urllib.parse.unquote(parts[2]).lower()
        if mailbox not in self.mailboxes:
            return graph_error(404, "ErrorInvalidUser", f"The requested user '{mailbox}' is invalid.")
        rest = "/".join(parts[3:])
        if method == "POST" and rest == "sendMail":
            return self.send_mail(mailbox, headers, body)
        if method == "GET" and rest == "mailFolders/SentItems/messages":
            return self.sent_items_query(mailbox, query)
        if method == "POST" and rest == "calendar/getSchedule":
            return self.get_schedule(headers, body)
        answer = self.events.route(method, mailbox, rest, query, body)
        if answer is not None:
            return answer
        return graph_error(400, "BadRequest", "Unsupported segment.")

    def send_mail(self, mailbox, headers, body):
        if self.deny == "Mail.Send":
            return graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        if headers.get("Content-Type", "").split(";")[0].strip() != "text/plain":
            return graph_error(400, "ErrorInvalidRequest", "Content-Type must be text/plain for MIME content.")
        try:
            mime = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            return graph_error(400, "ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME content.")
        parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(mime)
        if not (parsed.get("To") or parsed.get("Cc") or parsed.get("Bcc")):
            return graph_error(400, "ErrorMimeContentInvalid", "At least one recipient is not valid.")
        message_id = (parsed.get("Message-ID") or "").strip()
        with self.lock:
            self.stats["sendmail"] += 1
            self.stats["sent"][message_id] = self.stats["sent"].get(message_id, 0) + 1
            self.stats["messages"].append(base64.b64encode(mime).decode())
            items = self.sent_items.setdefault(mailbox, [])
            items.append({"id": f"AAMk-{len(items) + 1}", "internetMessageId": message_id})
            if self.lose_response > 0:
                self.lose_response -= 1
                return 504, {"error": {"code": "GatewayTimeout", "message": "Gateway Timeout"}}
        return 202, None

    def sent_items_query(self, mailbox, query):
        flt = query.get("$filter", [""])[0]
        prefix = "internetMessageId eq '"
        if not flt.startswith(prefix) or not flt.endswith("'"):
            return graph_error(400, "BadRequest", "Invalid filter clause")
        wanted = flt[len(prefix):-1].replace("''", "'")
        skip = int(query.get("$skip", ["0"])[0])
        with self.lock:
            found = [m for m in self.sent_items.get(mailbox, []) if m["internetMessageId"] == wanted]
        page = found[skip:skip + 1]
        doc = {"value": page}
        if skip + 1 < len(found):
            doc["@odata.nextLink"] = self.base_url + f"/v1.0/users/{mailbox}/mailFolders/SentItems/messages?" + \
                urllib.parse.urlencode({"$filter": flt, "$skip": skip + 1})
        return 200, doc

    def get_schedule(self, headers, body):
        if self.deny == "Calendars.Read":
            return graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        try:
            doc = json.loads(body)
            schedules = doc["schedules"]
            start = parse_utc(doc["startTime"]["dateTime"])
            end = parse_utc(doc["endTime"]["dateTime"])
            assert doc["startTime"]["timeZone"] == "UTC" and doc["endTime"]["timeZone"] == "UTC"
        except (ValueError, KeyError, TypeError, AssertionError):
            return graph_error(400, "ErrorInvalidRequest", "The request is invalid.")
        if not isinstance(schedules, list) or not 1 <= len(schedules) <= MAX_SCHEDULES:
            return graph_error(400, "ErrorInvalidParameter", "The number of schedules is out of range.")
        if (end - start).days >= 42 or end <= start:
            return graph_error(400, "ErrorInvalidTimeInterval", "The time period must be less than 42 days.")
        with self.lock:
            self.stats["getschedule_batches"].append(len(schedules))
        value = []
        for who in schedules:
            key = who.lower()
            if key in self.raw_schedules:
                value.append(self.raw_schedules[key])
                continue
            if key in self.unreadable or (key not in self.schedules and key not in self.mailboxes):
                value.append({"scheduleId": who, "error": {"message": "The mailbox could not be found or the app has no access.",
                                                           "responseCode": "ErrorMailboxNotFound"}})
                continue
            items = []
            for item in self.schedules.get(key, []):
                s, e = parse_utc(item["start"]), parse_utc(item["end"])
                if e <= start or s >= end:
                    continue
                items.append({"isPrivate": False, "status": item["status"], "subject": "(private)",
                              "start": {"dateTime": s.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"},
                              "end": {"dateTime": e.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": "UTC"}})
            value.append({"scheduleId": who, "availabilityView": "0", "scheduleItems": items, "workingHours": {}})
        return 200, {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
                     "value": value}


def make_handler(graph, issuer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body, extra=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def body(self):
            return self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))

        def dispatch(self, method):
            url = urllib.parse.urlsplit(self.path)
            body = self.body() if method in ("POST", "PATCH") else b""
            if url.path == "/_stats":
                with graph.lock:
                    stats = dict(graph.stats, token=dict(issuer.stats))
                stats.update(graph.events.snapshot())
                return self.answer(200, stats)
            if url.path == "/_control":
                graph.control(json.loads(body or b"{}"))
                return self.answer(200, {"ok": True})
            if url.path.endswith("/oauth2/v2.0/token"):
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
                status, doc = issuer.token_request(url.path, form)
                return self.answer(status, doc)
            result = graph.route(method, url.path, urllib.parse.parse_qs(url.query), self.headers, body)
            self.answer(*result)

        def do_GET(self):
            self.dispatch("GET")

        def do_POST(self):
            self.dispatch("POST")

        def do_PATCH(self):
            self.dispatch("PATCH")

        def do_DELETE(self):
            self.dispatch("DELETE")

    return Handler


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--oauth", required=True)
    p.add_argument("--mailbox", action="append", default=[])
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args(argv)
    with open(args.oauth) as f:
        issuer = token_server.TokenIssuer(json.load(f))
    graph = Graph(issuer, args.mailbox)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(graph, issuer))
    server.daemon_threads = True
    issuer.base_url = graph.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
