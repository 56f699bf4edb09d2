"""Calls to the running daemon over loopback: one connection a request, the answer kept whole,
and every answer checked against the contract for the route template it was sent to."""

import http.client
import json
import urllib.parse


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


def fill(template, params):
    """The path for `template` with each {name} replaced by its percent-encoded value."""
    path = template
    for name, value in (params or {}).items():
        path = path.replace("{" + name + "}", urllib.parse.quote(value, safe=""))
    return path


class Api:
    def __init__(self, port, contract):
        self.port, self.contract = port, contract

    def send(self, method, target, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, target, body=body, headers=headers or {})
            r = conn.getresponse()
            return Answer(r.status, r.getheaders(), r.read())
        finally:
            conn.close()

    def call(self, method, template, expect, params=None, query=None, token=None, body=None, raw=None,
             headers=None, target=None):
        """Sends the request, demands status `expect` and a documented answer; returns
        (parsed JSON body or None, Answer). `token` goes in a bearer header (a str starting
        with "Basic " is sent as it is); `body` is sent as JSON, `raw` as the bytes given;
        `target` replaces the path built from template and params."""
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = token if token.startswith("Basic ") else f"Bearer {token}"
        if body is not None:
            raw = json.dumps(body).encode()
        if raw is not None:
            headers.setdefault("Content-Type", "application/json")
        path = target or fill(template, params)
        if query:
            path += "?" + urllib.parse.urlencode(query)
        answer = self.send(method, path, headers, raw)
        if answer.status != expect:
            raise AssertionError(f"{method} {path}: expected {expect}, got {answer!r}")
        return self.contract.check(template, method, answer), answer

    def form(self, url, fields):
        """POSTs a form to a self-service page (a link from a mail); returns the status."""
        parts = urllib.parse.urlsplit(url)
        answer = self.send("POST", parts.path, {"Content-Type": "application/x-www-form-urlencoded"},
                           urllib.parse.urlencode(fields).encode())
        return answer.status
