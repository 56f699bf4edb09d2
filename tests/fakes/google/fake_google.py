#!/usr/bin/python3
"""A fake of the Google Calendar v3 and Gmail v1 endpoints the google plugin uses, in their
published shapes, with the fake Google token endpoint (tests/fakes/oauth, service account JWT
bearer grant) on the same port. Run with Debian's /usr/bin/python3; prints "LISTENING <port>".

  --oauth CONFIG   the token endpoint's config (token_server.py)
  --user ADDR      a user of the Workspace domain (repeat): the service account may act as it
                   (domain-wide delegation), it has a primary calendar and a mailbox

Every API call needs a token the token endpoint issued, for a scope the call documents, acting
as the user whose data it touches ("primary" and "me" are that user).

Calendar (prefix /calendar/v3):
  POST /freeBusy {"timeMin","timeMax","timeZone","items":[{"id"}] (at most 50)} →
        {"kind":"calendar#freeBusy","timeMin","timeMax","calendars":{id:{"busy":[{"start","end"}]}
        or {"errors":[{"domain":"global","reason":"notFound"}],"busy":[]}}}; a range over 90 days
        is refused (400 timeRangeTooLong; Google's limit is not documented, this is a guess); the
        busy times are the controls' plus the user's own events, unless cancelled or transparent
  POST /calendars/{cal}/events?sendUpdates=…        insert; an "id" must be base32hex (a-v, 0-9),
        5-1024 long (400 invalidResourceId); an id that exists, also cancelled, → 409 duplicate
  GET/PUT/PATCH/DELETE /calendars/{cal}/events/{id} get, update, patch, delete (404 notFound; a
        deleted event stays "cancelled": DELETE again → 410 deleted, PUT with status confirmed
        brings it back)
Gmail (prefix /gmail/v1, uploads /upload/gmail/v1?uploadType=media, message/rfc822):
  POST /users/{u}/messages/send {"raw": base64url MIME} → {"id","threadId","labelIds":["SENT"]};
        the recipients are the To/Cc/Bcc headers (400 "Recipient address required" without)
  GET  /users/{u}/messages?q=rfc822msgid:<id> → {"messages":[{"id","threadId"}],
        "resultSizeEstimate"} (no "messages" when none)
Errors use Google's envelope {"error":{"code","message","errors":[{"message","domain","reason"}],
"status"}}.

Controls: POST /_control {"busy": {"email": [{"start","end"}]} (UTC "Z" times),
  "raw_calendars": {"email": calendar answered as given}, "not_found": [emails],
  "throttle": n (the next n API calls get 429 rateLimitExceeded, Retry-After: 1),
  "rate_limit_403": n (the next n API calls get 403 userRateLimitExceeded),
  "lose_response": n (the next n sends are carried out, then answered 500 backendError),
  "undelegated_scopes": [scopes] (the token endpoint answers unauthorized_client for them:
  domain-wide delegation missing), "revoke_after": n (after the next n accepted calls every token
  issued so far is revoked: a renewal in the middle of a run), and any token endpoint control (revoke_all, advance_seconds,
  lifetime, fail_next)}.
GET /_stats {"freebusy_batches": [sizes], "freebusy_days": [days], "events": {user: {id: event}},
  "event_calls": ["POST primary …"], "send_updates": [values], "sends": n, "uploads": n,
  "sent": {"<message-id>": count}, "messages": [base64 MIME], "searches": n, "throttled": n,
  "unauthorized": n, "token": token stats}.
"""

import argparse
import base64
import binascii
import email.parser
import email.policy
import json
import os
import re
import signal
import sys
import threading
import urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oauth"))
import token_server  # noqa: E402

AUTH = "https://www.googleapis.com/auth/"
FREEBUSY_SCOPES = {AUTH + s for s in ("calendar", "calendar.readonly", "calendar.freebusy", "calendar.events.freebusy")}
EVENT_SCOPES = {AUTH + s for s in ("calendar", "calendar.events")}
SEND_SCOPES = {"https://mail.google.com/"} | {AUTH + s for s in ("gmail.send", "gmail.compose", "gmail.modify")}
SEARCH_SCOPES = {"https://mail.google.com/"} | {AUTH + s for s in ("gmail.readonly", "gmail.modify")}
MAX_CALENDARS = 50
MAX_DAYS = 90
EVENT_ID = re.compile(r"^[a-v0-9]{5,1024}$")


def google_error(status, reason, message, status_text):
    return status, {"error": {"code": status, "message": message,
                              "errors": [{"message": message, "domain": "global", "reason": reason}],
                              "status": status_text}}


def parse_rfc3339(text):
    if not isinstance(text, str):
        raise ValueError("not a string")
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Google:
    def __init__(self, issuer, users):
        self.issuer = issuer
        self.users = set(u.lower() for u in users)
        issuer.subjects |= set(users)
        self.lock = threading.Lock()
        self.busy = {}
        self.raw_calendars = {}
        self.not_found = set()
        self.throttle = 0
        self.revoke_after = 0
        self.rate_limit_403 = 0
        self.lose_response = 0
        self.undelegated = set()
        self.events = {}  # user -> {id: event}
        self.mailboxes = {}  # user -> [{"id","threadId","messageId"}]
        self.stats = {"freebusy_batches": [], "freebusy_days": [], "event_calls": [], "send_updates": [],
                      "sends": 0, "uploads": 0, "sent": {}, "messages": [], "searches": 0, "throttled": 0,
                      "unauthorized": 0}

    def control(self, doc):
        with self.lock:
            if "busy" in doc:
                self.busy.update({k.lower(): v for k, v in doc["busy"].items()})
            if "raw_calendars" in doc:
                self.raw_calendars = {k.lower(): v for k, v in doc["raw_calendars"].items()}
            if "not_found" in doc:
                self.not_found = set(e.lower() for e in doc["not_found"])
            for key in ("throttle", "rate_limit_403", "lose_response", "revoke_after"):
                if key in doc:
                    setattr(self, key, int(doc[key]))
            if "undelegated_scopes" in doc:
                self.undelegated = set(doc["undelegated_scopes"])
        self.issuer.control(doc)

    # --- the token endpoint, with domain-wide delegation per scope
    def token(self, form):
        try:
            claims = json.loads(b64url_decode(form.get("assertion", "").split(".")[1]))
        except (ValueError, IndexError, binascii.Error):
            claims = {}
        scopes = set(str(claims.get("scope", "")).split())
        with self.lock:
            undelegated = scopes & self.undelegated
        if undelegated:
            with self.issuer.lock:
                self.issuer.stats["token_requests"] += 1
                self.issuer.stats["refused"] += 1
            return 401, {"error": "unauthorized_client",
                         "error_description": "Client is unauthorized to retrieve access tokens using this method, "
                                              "or client not authorized for any of the scopes requested."}
        return self.issuer.token_request("/token", form)

    # --- the APIs
    def authorize(self, headers, scopes):
        """(user, None) for a valid token with one of `scopes`, else (None, error answer)."""
        auth = headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        info = self.issuer.check(token) if token else None
        if info is None:
            with self.lock:
                self.stats["unauthorized"] += 1
            return None, google_error(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 "
                                      "access token, login cookie or other valid authentication credential.", "UNAUTHENTICATED")
        if not scopes & set(info["scope"].split()):
            return None, google_error(403, "insufficientPermissions", "Request had insufficient authentication scopes.",
                                      "PERMISSION_DENIED")
        with self.lock:
            # Every token issued so far ends after this many more calls: a renewal mid-run.
            revoke = self.revoke_after == 1
            self.revoke_after = max(0, self.revoke_after - 1)
        if revoke:
            self.issuer.control({"revoke_all": True})
        return (info.get("subject") or "").lower(), None

    def slow_down(self):
        with self.lock:
            if self.throttle > 0:
                self.throttle -= 1
                self.stats["throttled"] += 1
                status, doc = google_error(429, "rateLimitExceeded", "Rate Limit Exceeded", "RESOURCE_EXHAUSTED")
                return status, doc, {"Retry-After": "1"}
            if self.rate_limit_403 > 0:
                self.rate_limit_403 -= 1
                self.stats["throttled"] += 1
                return google_error(403, "userRateLimitExceeded", "User Rate Limit Exceeded", "PERMISSION_DENIED")
        return None

    def route(self, method, path, query, headers, body):
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if parts[:2] == ["calendar", "v3"]:
            return self.calendar(method, parts[2:], query, headers, body)
        if parts[:2] == ["gmail", "v1"] or parts[:3] == ["upload", "gmail", "v1"]:
            upload = parts[0] == "upload"
            return self.gmail(method, parts[3 if upload else 2:], query, headers, body, upload)
        return google_error(404, "notFound", "Not Found", "NOT_FOUND")

    def calendar(self, method, parts, query, headers, body):
        if method == "POST" and parts == ["freeBusy"]:
            user, refused = self.authorize(headers, FREEBUSY_SCOPES)
            return refused or self.slow_down() or self.free_busy(body)
        if len(parts) >= 3 and parts[0] == "calendars" and parts[2] == "events":
            user, refused = self.authorize(headers, EVENT_SCOPES)
            if refused:
                return refused
            slow = self.slow_down()
            if slow:
                return slow
            calendar = user if parts[1] == "primary" else parts[1].lower()
            if calendar != user or user not in self.users:
                return google_error(404, "notFound", "Not Found", "NOT_FOUND")
            with self.lock:
                self.stats["event_calls"].append(f"{method} {parts[1]} {'/'.join(parts[3:])}".strip())
                if "sendUpdates" in query:
                    self.stats["send_updates"].append(query["sendUpdates"][0])
                return self.event_call(method, user, parts[3] if len(parts) > 3 else None, body)
        return google_error(404, "notFound", "Not Found", "NOT_FOUND")

    def free_busy(self, body):
        try:
            doc = json.loads(body)
            start, end = parse_rfc3339(doc["timeMin"]), parse_rfc3339(doc["timeMax"])
            ids = [item["id"] for item in doc.get("items", [])]
        except (ValueError, KeyError, TypeError):
            return google_error(400, "badRequest", "Bad Request", "INVALID_ARGUMENT")
        if end <= start:
            return google_error(400, "timeRangeEmpty", "The specified time range is empty.", "INVALID_ARGUMENT")
        if (end - start).total_seconds() > MAX_DAYS * 86400:
            return google_error(400, "timeRangeTooLong", "The requested time range is too long.", "INVALID_ARGUMENT")
        if len(ids) > MAX_CALENDARS:
            return google_error(400, "tooManyCalendarsRequested", "Too many calendars requested.", "INVALID_ARGUMENT")
        calendars = {}
        with self.lock:
            self.stats["freebusy_batches"].append(len(ids))
            self.stats["freebusy_days"].append((end - start).total_seconds() / 86400)
            for cid in ids:
                key = cid.lower()
                if key in self.raw_calendars:
                    calendars[cid] = self.raw_calendars[key]
                    continue
                if key in self.not_found or key not in self.users:
                    calendars[cid] = {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
                    continue
                busy = []
                # The user's own events block time unless cancelled or transparent ("available").
                own = [{"start": e["start"]["dateTime"], "end": e["end"]["dateTime"]}
                       for e in self.events.get(key, {}).values()
                       if e.get("status") != "cancelled" and e.get("transparency", "opaque") != "transparent"]
                for item in self.busy.get(key, []) + own:
                    s, e = parse_rfc3339(item["start"]), parse_rfc3339(item["end"])
                    if e <= start or s >= end:
                        continue
                    busy.append((max(s, start), min(e, end)))
                # Free/busy names no events: overlapping busy times come back as one period.
                merged = []
                for s, e in sorted(busy):
                    if merged and s <= merged[-1][1]:
                        merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                    else:
                        merged.append((s, e))
                calendars[cid] = {"busy": [{"start": s.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": e.strftime("%Y-%m-%dT%H:%M:%SZ")}
                                           for s, e in merged]}
        return 200, {"kind": "calendar#freeBusy", "timeMin": doc["timeMin"], "timeMax": doc["timeMax"],
                     "calendars": calendars}

    def check_event(self, event):
        try:
            start, end = parse_rfc3339(event["start"]["dateTime"]), parse_rfc3339(event["end"]["dateTime"])
        except (ValueError, KeyError, TypeError):
            return google_error(400, "required", "Missing end time.", "INVALID_ARGUMENT")
        if end <= start:
            return google_error(400, "timeRangeEmpty", "The specified time range is empty.", "INVALID_ARGUMENT")
        return None

    def event_call(self, method, user, event_id, body):
        events = self.events.setdefault(user, {})
        try:
            doc = json.loads(body) if body else {}
        except ValueError:
            return google_error(400, "parseError", "Parse Error", "INVALID_ARGUMENT")
        if event_id is None:
            if method != "POST":
                return google_error(405, "methodNotAllowed", "Method Not Allowed", "INVALID_ARGUMENT")
            new_id = doc.get("id") or os.urandom(8).hex()
            if not EVENT_ID.match(new_id):
                return google_error(400, "invalidResourceId", "Invalid resource id value.", "INVALID_ARGUMENT")
            if new_id in events:
                return google_error(409, "duplicate", "The requested identifier already exists.", "ALREADY_EXISTS")
            refused = self.check_event(doc)
            if refused:
                return refused
            event = dict(doc, id=new_id, kind="calendar#event", status=doc.get("status", "confirmed"),
                         iCalUID=new_id + "@google.com", organizer={"email": user, "self": True}, sequence=0)
            events[new_id] = event
            return 200, event
        event = events.get(event_id)
        if event is None:
            return google_error(404, "notFound", "Not Found", "NOT_FOUND")
        if method == "GET":
            return 200, event
        if method == "DELETE":
            if event["status"] == "cancelled":
                return google_error(410, "deleted", "Resource has been deleted", "NOT_FOUND")
            event["status"] = "cancelled"
            return 204, None
        if method in ("PUT", "PATCH"):
            merged = dict(event, **doc) if method == "PATCH" else dict(doc)
            refused = self.check_event(merged)
            if refused:
                return refused
            merged.update(id=event_id, kind="calendar#event", iCalUID=event["iCalUID"], organizer=event["organizer"],
                          sequence=event["sequence"] + 1)
            merged.setdefault("status", "confirmed")
            events[event_id] = merged
            return 200, merged
        return google_error(405, "methodNotAllowed", "Method Not Allowed", "INVALID_ARGUMENT")

    def gmail(self, method, parts, query, headers, body, upload):
        if len(parts) < 3 or parts[0] != "users" or parts[2] != "messages":
            return google_error(404, "notFound", "Not Found", "NOT_FOUND")
        rest = parts[3:]
        scopes = SEND_SCOPES if rest == ["send"] else SEARCH_SCOPES
        user, refused = self.authorize(headers, scopes)
        if refused:
            return refused
        slow = self.slow_down()
        if slow:
            return slow
        asked = user if parts[1] == "me" else parts[1].lower()
        if asked != user:
            return google_error(403, "forbidden", f"Delegation denied for {user}", "PERMISSION_DENIED")
        if user not in self.users:
            return google_error(400, "failedPrecondition", "Mail service not enabled", "FAILED_PRECONDITION")
        if method == "POST" and rest == ["send"]:
            return self.send(user, query, headers, body, upload)
        if method == "GET" and not rest:
            return self.search(user, query)
        return google_error(404, "notFound", "Not Found", "NOT_FOUND")

    def send(self, user, query, headers, body, upload):
        content_type = headers.get("Content-Type", "").split(";")[0].strip()
        if upload:
            if query.get("uploadType", [""])[0] != "media" or content_type != "message/rfc822":
                return google_error(400, "badContent", "Media type not supported.", "INVALID_ARGUMENT")
            mime = body
        else:
            try:
                mime = b64url_decode(json.loads(body)["raw"])
            except (ValueError, KeyError, TypeError, binascii.Error):
                return google_error(400, "invalidArgument", "Invalid value for ByteString", "INVALID_ARGUMENT")
        parsed = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(mime)
        if not (parsed.get("To") or parsed.get("Cc") or parsed.get("Bcc")):
            return google_error(400, "invalidArgument", "Recipient address required", "INVALID_ARGUMENT")
        message_id = (parsed.get("Message-ID") or "").strip()
        with self.lock:
            box = self.mailboxes.setdefault(user, [])
            gid = f"18c{len(box) + 1:013x}"
            box.append({"id": gid, "threadId": gid, "messageId": message_id})
            self.stats["sends"] += 1
            self.stats["uploads"] += 1 if upload else 0
            self.stats["sent"][message_id] = self.stats["sent"].get(message_id, 0) + 1
            self.stats["messages"].append(base64.b64encode(mime).decode())
            if self.lose_response > 0:
                self.lose_response -= 1
                return google_error(500, "backendError", "Backend Error", "INTERNAL")
        return 200, {"id": gid, "threadId": gid, "labelIds": ["SENT"]}

    def search(self, user, query):
        q = query.get("q", [""])[0].strip()
        if not q.startswith("rfc822msgid:"):
            return google_error(400, "invalidArgument", "Invalid query", "INVALID_ARGUMENT")
        wanted = q[len("rfc822msgid:"):].strip()
        with self.lock:
            self.stats["searches"] += 1
            found = [m for m in self.mailboxes.get(user, [])
                     if m["messageId"] == wanted or m["messageId"].strip("<>") == wanted.strip("<>")]
        doc = {"resultSizeEstimate": len(found)}
        if found:
            doc["messages"] = [{"id": m["id"], "threadId": m["threadId"]} for m in found]
        return 200, doc


def make_handler(google, issuer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body, extra=None):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            if body is not None:
                self.send_header("Content-Type", "application/json; charset=UTF-8")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def dispatch(self, method):
            url = urllib.parse.urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
            if url.path == "/_stats":
                with google.lock:
                    stats = json.loads(json.dumps(dict(google.stats, events=google.events)))
                with issuer.lock:
                    stats["token"] = dict(issuer.stats)
                return self.answer(200, stats)
            if url.path == "/_control":
                google.control(json.loads(body or b"{}"))
                return self.answer(200, {"ok": True})
            if url.path == "/token" and method == "POST":
                form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
                return self.answer(*google.token(form))
            self.answer(*google.route(method, url.path, urllib.parse.parse_qs(url.query), self.headers, body))

        def do_GET(self):
            self.dispatch("GET")

        def do_POST(self):
            self.dispatch("POST")

        def do_PUT(self):
            self.dispatch("PUT")

        def do_PATCH(self):
            self.dispatch("PATCH")

        def do_DELETE(self):
            self.dispatch("DELETE")

    return Handler


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--oauth", required=True)
    p.add_argument("--user", action="append", default=[])
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args(argv)
    with open(args.oauth) as f:
        issuer = token_server.TokenIssuer(json.load(f))
    google = Google(issuer, args.user)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(google, issuer))
    server.daemon_threads = True
    issuer.base_url = f"http://127.0.0.1:{server.server_address[1]}"
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
