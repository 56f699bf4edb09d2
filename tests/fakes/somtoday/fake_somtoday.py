#!/usr/bin/python3
"""A fake Somtoday Connect server for the somtoday plugin's tests; standard library only.

Binds 127.0.0.1 on a free port and prints "LISTENING <port>". Routes, as the vendor's OpenAPI
file (14.10.0) spells them:
  POST /oauth2/token?organisation=UUID   form: grant_type=client_credentials, client_id, client_secret
  GET  /rest/v1/connect/vestiging         {"vestigingen":[…]}
  GET  /rest/v1/connect/vestiging/{uuid}/{leerling|medewerker|plaatsing|stamgroep/|ouderVerzorger/|lesgroep/}
       ?offset=&amount=[&uuid=…]  (amount required, at most 200) → {"leerlingen":[…]} etc.
  GET  /rest/v1/connect/vestiging/{uuid}/lesgroep/{uuid}/rooster?weeknummer=1..53 (ISO week of
       this school year: 31–53 in its first calendar year) → {"rooster":{weeknummer, begindatum,
       einddatum, afspraken:[…]}}, begintijd/eindtijd with the Europe/Amsterdam offset
Errors use the envelope {"errors":[{"code","problem","clarification"}]}.
Test controls (not part of Somtoday):
  GET  /_school   what a correct client should see (counts and the fixed roles' ids)
  GET  /_stats    {"token_requests": n, "data_requests": ["/path?query", …]}
  POST /_control  JSON, any of:
       {"rules":[{"match":"ouderVerzorger","status":403,"times":null,"offset":null,
                  "retry_after":"0","truncate":false,"html":false,"body":null}]}
                                (appended; times null = always; body: answer 200 with this JSON)
       {"expire_tokens":true}   every token issued so far is refused (401) from now on
       {"reject_tokens":true}   every data request is refused with 401 from now on
       {"expires_in":N}         lifetime reported for new tokens (null: omit the field)
"""

import argparse
import json
import secrets
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from school import School

ENDPOINTS = {"leerling": "leerlingen", "medewerker": "medewerkers", "plaatsing": "plaatsingen",
             "stamgroep": "stamgroepen", "ouderVerzorger": "ouderVerzorgers", "lesgroep": "lesgroepen"}


class State:
    def __init__(self, args):
        self.args = args
        self.school = School(args.students, args.seed, args.vestigingen)
        self.lock = threading.Lock()
        self.tokens = set()
        self.rules = []
        self.reject_tokens = False
        self.expires_in = 3600
        self.token_requests = 0
        self.data_requests = []


def envelope(code, problem, clarification):
    return {"errors": [{"code": code, "problem": problem, "clarification": clarification}]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main()

    def do_any(self):
        url = urlsplit(self.path)
        self.query = {k: v for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        path = url.path
        if path == "/oauth2/token" and self.command == "POST":
            self.token()
        elif path == "/_control" and self.command == "POST":
            self.control()
        elif path == "/_stats":
            with self.state.lock:
                self.json(200, {"token_requests": self.state.token_requests, "data_requests": self.state.data_requests})
        elif path == "/_school":
            self.json(200, self.state.school.summary())
        elif path.startswith("/rest/v1/connect/vestiging") and self.command == "GET":
            self.data(path[len("/rest/v1"):], url.query)
        else:
            self.json(404, envelope(404, "NOT FOUND", "unknown path"))

    do_GET = do_POST = do_PUT = do_DELETE = do_any

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

    def token(self):
        form = {k: v[-1] for k, v in parse_qs(self.body.decode("utf-8")).items()}
        s = self.state
        with s.lock:
            s.token_requests += 1
        if self.headers.get("Content-Type", "").split(";")[0] != "application/x-www-form-urlencoded":
            return self.json(400, {"error": "invalid_request", "error_description": "form body expected"})
        if form.get("grant_type") != "client_credentials":
            return self.json(400, {"error": "unsupported_grant_type"})
        if self.query.get("organisation", [""])[-1] != s.args.organisation:
            return self.json(400, {"error": "invalid_request", "error_description": "unknown organisation"})
        if form.get("client_id") != s.args.client_id or form.get("client_secret") != s.args.client_secret:
            return self.json(401, {"error": "invalid_client", "error_description": "client authentication failed"})
        token = secrets.token_urlsafe(24)
        with s.lock:
            s.tokens.add(token)
            doc = {"access_token": token, "token_type": "Bearer"}
            if s.expires_in is not None:
                doc["expires_in"] = s.expires_in
        self.json(200, doc)

    def control(self):
        doc = json.loads(self.body or b"{}")
        s = self.state
        with s.lock:
            s.rules.extend(doc.get("rules", []))
            if doc.get("expire_tokens"):
                s.tokens.clear()
            if "reject_tokens" in doc:
                s.reject_tokens = bool(doc["reject_tokens"])
            if "expires_in" in doc:
                s.expires_in = doc["expires_in"]
        self.json(200, {"ok": True})

    def matching_rule(self, path, offset):
        """The first live rule for this request, used up by one (times counts down)."""
        with self.state.lock:
            for rule in self.state.rules:
                if rule.get("match", "") not in path:
                    continue
                if rule.get("offset") is not None and rule["offset"] != offset:
                    continue
                if rule.get("times") is not None:
                    if rule["times"] <= 0:
                        continue
                    rule["times"] -= 1
                return rule
        return None

    def data(self, path, query):
        s = self.state
        with s.lock:
            s.data_requests.append(path + ("?" + query if query else ""))
            auth = self.headers.get("Authorization", "")
            authorised = auth.startswith("Bearer ") and auth[7:] in s.tokens and not s.reject_tokens
        if not authorised:
            return self.json(401, envelope(401, "UNAUTHORIZED", "Geen geldig access token"))
        offset = int(self.query.get("offset", ["0"])[-1])
        rule = self.matching_rule(path, offset)
        if rule and rule.get("status"):
            headers = [("Retry-After", rule["retry_after"])] if rule.get("retry_after") is not None else []
            problem = {403: "FORBIDDEN - Geen recht om deze gegevens op te vragen"}.get(rule["status"], "ERROR")
            return self.json(rule["status"], envelope(rule["status"], problem, rule.get("clarification", "fout in fake")),
                             headers)
        if rule and rule.get("html"):
            return self.send(200, b"<html><body>Onderhoud</body></html>", "text/html")
        if rule and rule.get("body") is not None:
            return self.json(200, rule["body"])

        parts = path.strip("/").split("/")  # connect, vestiging, [uuid, endpoint]
        school = s.school
        if len(parts) == 2:
            return self.json(200, {"vestigingen": school.vestigingen})
        vestiging, endpoint = parts[2], parts[3] if len(parts) > 3 else ""
        if endpoint == "lesgroep" and len(parts) == 6 and parts[5] == "rooster":
            return self.rooster(vestiging, parts[4], rule)
        if vestiging not in school.students or endpoint not in ENDPOINTS:
            return self.json(404, envelope(404, "NOT FOUND", "Vestiging of endpoint bestaat niet"))
        amount = self.query.get("amount", [None])[-1]
        if amount is None:
            return self.json(400, envelope(400, "BAD REQUEST", "amount is verplicht"))
        if int(amount) > 200:
            return self.json(400, envelope(400, "BAD REQUEST", "amount mag maximaal 200 zijn"))
        items = {"leerling": lambda: school.students[vestiging], "medewerker": lambda: school.staff[vestiging],
                 "stamgroep": lambda: school.groups[vestiging], "ouderVerzorger": lambda: school.guardians_of(vestiging),
                 "lesgroep": lambda: school.lesgroepen[vestiging],
                 "plaatsing": lambda: [p for x in school.students[vestiging] for p in x["plaatsingen"]]}[endpoint]()
        if "uuid" in self.query:  # the spec's filter on specific records
            items = [x for x in items if x.get("uuid") in self.query["uuid"]]
        page = items[offset:offset + int(amount)]
        body = json.dumps({ENDPOINTS[endpoint]: page}, ensure_ascii=False).encode("utf-8")
        if rule and rule.get("truncate"):
            body = body[: len(body) // 2]
        self.send(200, body)

    def rooster(self, vestiging, lesgroep, rule):
        week = self.query.get("weeknummer", [None])[-1]
        if week is None or not week.isdigit() or not 1 <= int(week) <= 53:
            return self.json(400, envelope(400, "BAD REQUEST", "ongeldig weeknummer"))
        try:
            doc = self.state.school.rooster(vestiging, lesgroep, int(week))
        except ValueError:  # week 53 in a year without one
            return self.json(400, envelope(400, "BAD REQUEST", "ongeldig weeknummer"))
        if doc is None:
            return self.json(404, envelope(404, "NOT FOUND", "Onjuist lesgroepUUID of vestigingUUID"))
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self.send(200, body[: len(body) // 2] if rule and rule.get("truncate") else body)

    def log_message(self, fmt, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vestigingen", type=int, default=1)
    parser.add_argument("--organisation", default="0b0e3c1a-4f5e-4d7a-9c1b-2a3b4c5d6e7f")
    parser.add_argument("--client-id", default="lobsync-test")
    parser.add_argument("--client-secret", default="s3cr3t-Somtoday!")
    args = parser.parse_args()
    Handler.state = State(args)
    server = Server(("127.0.0.1", 0), Handler)
    print("LISTENING", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
