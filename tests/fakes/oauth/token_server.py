#!/usr/bin/python3
"""A fake OAuth 2.0 token endpoint in the published shapes of Microsoft's identity platform
(v2.0, client credentials with a client secret or a certificate assertion) and Google's
(service account JWT bearer grant, RFC 7523), for tests on loopback. Run it with Debian's
/usr/bin/python3 (python3-cryptography checks the RS256 signatures).

Standalone: token_server.py --config FILE [--port 0] prints "LISTENING <port>" and serves until
SIGTERM. Embedded: other fakes (the SMTP server, the Graph fake) create a TokenIssuer, start
serve_in_thread() and check the tokens their clients present with TokenIssuer.check().

Config (JSON):
  {"microsoft": {"tenant": "contoso.example",
                 "clients": [{"client_id": "…", "secret": "…"},                  # either
                             {"client_id": "…", "certificate": "/path/app.crt"}]},  # or
   "google": {"accounts": [{"client_email": "…", "certificate": "/path/sa.crt"}],
              "subjects": ["planner@school.example"]},                        # users to act as
   "lifetime": 3599}                                    # expires_in of issued tokens, seconds

Routes: POST /<tenant>/oauth2/v2.0/token (Microsoft), POST /token (Google), POST /_control
{"lifetime": n, "revoke_all": true, "advance_seconds": s (the fake's clock, with the test's), "fail_next": [{"status": 503, "body": "…"}, …],
 "refuse_with": "expired_secret" | null}, GET /_stats {"token_requests", "issued", "refused",
 "assertions", "last_error"}.

What is checked, as the providers document it: Microsoft: grant_type client_credentials, a known
client_id (else AADSTS700016), the tenant (AADSTS90002), the secret (AADSTS7000215), or the
client_assertion_type and an assertion whose header has alg RS256 and the x5t (SHA-1) or
x5t#S256 thumbprint of the registered certificate, signed by it (AADSTS700027), with aud = this
endpoint's URL, iss = sub = client_id, a jti never seen before, nbf not in the future, exp in
the future and at most 10 minutes after nbf; a scope ending in /.default (AADSTS1002012).
Google: grant_type jwt-bearer, an assertion signed by a known service account (iss =
client_email) with aud = this endpoint's URL, iat and exp at most an hour apart, exp in the
future, a scope, and sub a user the account may act as (unauthorized_client otherwise).
"""

import argparse
import base64
import hashlib
import json
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_certificate(path):
    with open(path, "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    der = cert.public_bytes(serialization.Encoding.DER)
    return {"key": cert.public_key(), "x5t": b64url(hashlib.sha1(der).digest()),
            "x5t#S256": b64url(hashlib.sha256(der).digest())}


def microsoft_error(status, error, code, description):
    """Microsoft's error shape: error, error_description with trace lines, error_codes."""
    body = {"error": error,
            "error_description": f"AADSTS{code}: {description}\r\nTrace ID: 00000000-fake\r\n"
                                 f"Correlation ID: 00000000-fake\r\nTimestamp: 2026-12-02 16:00:00Z",
            "error_codes": [code], "timestamp": "2026-12-02 16:00:00Z",
            "trace_id": "00000000-fake", "correlation_id": "00000000-fake"}
    return status, body


class Refused(Exception):
    def __init__(self, status, body):
        super().__init__(body.get("error", ""))
        self.status = status
        self.body = body


class TokenIssuer:
    """Issues tokens to the configured clients and remembers them for check()."""

    def __init__(self, config):
        self.lock = threading.Lock()
        ms = config.get("microsoft", {})
        self.tenant = ms.get("tenant", "contoso.example")
        self.clients = {}
        for c in ms.get("clients", []):
            entry = dict(c)
            if "certificate" in c:
                entry["cert"] = load_certificate(c["certificate"])
            self.clients[c["client_id"]] = entry
        g = config.get("google", {})
        self.accounts = {a["client_email"]: load_certificate(a["certificate"]) for a in g.get("accounts", [])}
        self.subjects = set(g.get("subjects", []))
        self.lifetime = int(config.get("lifetime", 3599))
        self.tokens = {}
        self.jtis = set()
        self.fail_next = []
        self.refuse_with = None
        self.stats = {"token_requests": 0, "issued": 0, "refused": 0, "assertions": 0, "last_error": ""}
        self.base_url = ""  # set when serving: the aud the assertions must name
        self.offset = 0.0  # seconds the fake's clock runs ahead of the real one (tests move both)

    def now(self):
        return time.time() + self.offset

    # --- what other fakes call
    def check(self, token, scope_suffix=None, subject=None):
        """The token's record when it is valid now (and for the scope/subject asked), else None."""
        with self.lock:
            info = self.tokens.get(token)
            if info is None or info["expires"] <= self.now():
                return None
            if scope_suffix is not None and not any(s.endswith(scope_suffix) for s in info["scope"].split()):
                return None
            if subject is not None and info.get("subject") not in (None, subject):
                return None
            return dict(info)

    def control(self, doc):
        with self.lock:
            if "lifetime" in doc:
                self.lifetime = int(doc["lifetime"])
            if "advance_seconds" in doc:
                self.offset += float(doc["advance_seconds"])
            if doc.get("revoke_all"):
                self.tokens.clear()
            if "fail_next" in doc:
                self.fail_next = list(doc["fail_next"])
            if "refuse_with" in doc:
                self.refuse_with = doc["refuse_with"]

    # --- the token endpoint
    def token_request(self, path, form):
        with self.lock:
            self.stats["token_requests"] += 1
            if self.fail_next:
                failure = self.fail_next.pop(0)
                return failure.get("status", 503), failure.get("body", "")
            try:
                if path == "/token":
                    info = self.google(form)
                else:
                    info = self.microsoft(path, form)
            except Refused as r:
                self.stats["refused"] += 1
                self.stats["last_error"] = r.body.get("error_description", r.body.get("error", ""))
                return r.status, r.body
            token = "fake-" + secrets.token_urlsafe(24)
            info["expires"] = self.now() + self.lifetime
            self.tokens[token] = info
            self.stats["issued"] += 1
            return 200, {"token_type": "Bearer", "expires_in": self.lifetime, "ext_expires_in": self.lifetime,
                         "access_token": token}

    def microsoft(self, path, form):
        parts = path.strip("/").split("/")
        if len(parts) != 4 or parts[1:] != ["oauth2", "v2.0", "token"]:
            raise Refused(*microsoft_error(404, "invalid_request", 900561, "The endpoint only accepts POST requests."))
        if parts[0] != self.tenant:
            raise Refused(*microsoft_error(400, "invalid_request", 90002, f"Tenant '{parts[0]}' not found."))
        if form.get("grant_type") != "client_credentials":
            raise Refused(*microsoft_error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type."))
        client_id = form.get("client_id", "")
        client = self.clients.get(client_id)
        if client is None:
            raise Refused(*microsoft_error(400, "unauthorized_client", 700016,
                                           f"Application with identifier '{client_id}' was not found in the directory."))
        if self.refuse_with == "expired_secret":
            raise Refused(*microsoft_error(401, "invalid_client", 7000222, "The provided client secret keys are expired."))
        if "client_secret" in form:
            if client.get("secret") is None or not secrets.compare_digest(form["client_secret"], client["secret"]):
                raise Refused(*microsoft_error(401, "invalid_client", 7000215, "Invalid client secret provided."))
        elif "client_assertion" in form:
            if form.get("client_assertion_type") != CLIENT_ASSERTION_TYPE:
                raise Refused(*microsoft_error(400, "invalid_request", 50027, "Invalid client_assertion_type."))
            self.check_client_assertion(form["client_assertion"], client, self.base_url + path)
        else:
            raise Refused(*microsoft_error(401, "invalid_client", 7000218,
                                           "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."))
        scope = form.get("scope", "")
        if not scope.endswith("/.default") or " " in scope:
            raise Refused(*microsoft_error(400, "invalid_scope", 1002012, f"The provided value for scope {scope} is not valid."))
        return {"client_id": client_id, "scope": scope, "subject": None}

    def verify_jwt(self, token, key_for_header):
        """(header, claims) of an RS256 JWT whose signature the key chosen by the header verifies."""
        try:
            h, c, s = token.split(".")
            header = json.loads(b64url_decode(h))
            claims = json.loads(b64url_decode(c))
            signature = b64url_decode(s)
        except ValueError:
            return None, None
        if header.get("alg") != "RS256":
            return None, None
        key = key_for_header(header, claims)
        if key is None:
            return None, None
        try:
            key.verify(signature, (h + "." + c).encode(), padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return None, None
        self.stats["assertions"] += 1
        return header, claims

    def check_client_assertion(self, assertion, client, audience):
        cert = client.get("cert")

        def key_for(header, claims):
            if cert is None:
                return None
            if header.get("x5t") != cert["x5t"] and header.get("x5t#S256") != cert["x5t#S256"]:
                return None
            return cert["key"]

        header, claims = self.verify_jwt(assertion, key_for)
        if header is None:
            raise Refused(*microsoft_error(401, "invalid_client", 700027, "Client assertion failed signature validation."))
        now = self.now()
        problems = []
        if claims.get("aud") != audience:
            problems.append("aud")
        if claims.get("iss") != client["client_id"] or claims.get("sub") != client["client_id"]:
            problems.append("iss/sub")
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti or jti in self.jtis:
            problems.append("jti")
        nbf, exp = claims.get("nbf"), claims.get("exp")
        if not isinstance(nbf, int) or not isinstance(exp, int) or nbf > now + 300 or exp <= now or exp - nbf > 600:
            problems.append("nbf/exp")
        if problems:
            raise Refused(*microsoft_error(401, "invalid_client", 700024,
                                           "Client assertion is not within its valid time range or its claims are wrong: "
                                           + ", ".join(problems)))
        self.jtis.add(jti)

    def google(self, form):
        def refuse(status, error, description):
            raise Refused(status, {"error": error, "error_description": description})

        if form.get("grant_type") != JWT_BEARER:
            refuse(400, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type", ""))
        header, claims = self.verify_jwt(form.get("assertion", ""),
                                         lambda h, c: (self.accounts.get(c.get("iss"), {}) or {}).get("key"))
        if header is None:
            refuse(400, "invalid_grant", "Invalid JWT Signature.")
        now = self.now()
        iat, exp = claims.get("iat"), claims.get("exp")
        if claims.get("aud") != self.base_url + "/token":
            refuse(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
        if not isinstance(iat, int) or not isinstance(exp, int) or exp <= now or exp - iat > 3600 or iat > now + 300:
            refuse(400, "invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.")
        scope = claims.get("scope", "")
        if not scope:
            refuse(400, "invalid_scope", "Invalid OAuth scope or ID token audience provided.")
        subject = claims.get("sub")
        if subject is not None and subject not in self.subjects:
            refuse(401, "unauthorized_client",
                   "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.")
        return {"client_id": claims["iss"], "scope": scope, "subject": subject}


def make_handler(issuer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body):
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def read_body(self):
            return self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))

        def do_GET(self):
            if self.path == "/_stats":
                with issuer.lock:
                    return self.answer(200, dict(issuer.stats))
            self.answer(404, {"error": "not_found"})

        def do_POST(self):
            body = self.read_body()
            if self.path == "/_control":
                issuer.control(json.loads(body or b"{}"))
                return self.answer(200, {"ok": True})
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/x-www-form-urlencoded":
                return self.answer(400, {"error": "invalid_request", "error_description": "Content-Type must be a form"})
            form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
            status, doc = issuer.token_request(self.path, form)
            self.answer(status, doc)

    return Handler


def serve_in_thread(issuer, host="127.0.0.1", port=0):
    """Starts the endpoint on a daemon thread; returns the server (server_address has the port)."""
    server = ThreadingHTTPServer((host, port), make_handler(issuer))
    server.daemon_threads = True
    issuer.base_url = f"http://{host}:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True)
    p.add_argument("--port", type=int, default=0)
    args = p.parse_args(argv)
    with open(args.config) as f:
        issuer = TokenIssuer(json.load(f))
    server = serve_in_thread(issuer, port=args.port)
    print(f"LISTENING {server.server_address[1]}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
