#!/usr/bin/python3
"""A webhook receiver for dossier records, as a school's integration platform would run it;
standard library only (run it with /usr/bin/python3).

Binds 127.0.0.1 on --port (0: a free one) and prints the bound port as the first line on
stdout. Every POST is checked the way plugins/dossier-webhook/README.md tells receivers to:
  - X-Lobsync-Timestamp is a Unix time in seconds no more than --max-age seconds from now
    (an old request is a replay) and X-Lobsync-Signature is
    "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body), compared in constant time;
    otherwise 401
  - Content-Type is application/json (else 415), the body is a JSON object (else 400) and
    Idempotency-Key is present (else 400)
  - a key seen before is answered 409 (the contract: lobsync takes it as delivered) and not
    stored again, but counted: stats "repeats" holds {key: times repeated}, so a test sees
    every repeat lobsync made instead of the receiver hiding it
An accepted delivery is answered 201 and stored in --out DIR as <n>.json:
  {"n", "idempotency_key", "timestamp", "body"} (body parsed), n counting from 1.
DIR/stats.json holds {"requests", "accepted", "duplicates", "repeats", "failed_on_purpose",
"rejected": [reasons]}. Files are written atomically (temporary file, then rename). Deliveries already in
DIR are loaded at start, so a restarted receiver still refuses their keys.

The secret comes from the environment variable named by --secret-env (default
WEBHOOK_SECRET), so it never shows in a process list.
  --fail-first N      answer the first N requests 503 (before any check)
  --answer STATUS     answer every request with STATUS (e.g. 401, 422) without storing it
SIGTERM and SIGINT stop the receiver with exit code 0.
"""

import argparse
import hashlib
import hmac
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def write_atomically(path, doc):
    tmp = "%s.tmp%d" % (path, threading.get_ident())
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, path)


def verify(secret, timestamp, signature, body, max_age):
    """The check every receiver should make; None when the request is genuine and fresh."""
    if not timestamp.isdigit():
        return "timestamp missing or not a number"
    if abs(time.time() - int(timestamp)) > max_age:
        return "timestamp too old or in the future (replay?)"
    expected = "sha256=" + hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return "signature does not match"
    return None


class Receiver:
    def __init__(self, args, secret):
        self.args = args
        self.secret = secret
        self.lock = threading.Lock()
        self.keys = set()
        self.stats = {"requests": 0, "accepted": 0, "duplicates": 0, "repeats": {}, "failed_on_purpose": 0,
                      "rejected": []}
        for name in os.listdir(args.out):
            if name.endswith(".json") and name[:-5].isdigit():
                with open(os.path.join(args.out, name), encoding="utf-8") as f:
                    self.keys.add(json.load(f)["idempotency_key"])
        self.save_stats()

    def save_stats(self):
        write_atomically(os.path.join(self.args.out, "stats.json"), self.stats)

    def handle(self, headers, body):
        """(status, answer) for one POST."""
        with self.lock:
            self.stats["requests"] += 1
            try:
                return self.decide(headers, body)
            finally:
                self.save_stats()

    def reject(self, status, reason):
        self.stats["rejected"].append(reason)
        return status, {"error": reason}

    def decide(self, headers, body):
        if self.stats["requests"] <= self.args.fail_first:
            self.stats["failed_on_purpose"] += 1
            return 503, {"error": "failing on purpose"}
        if self.args.answer:
            return self.reject(self.args.answer, "told to answer %d" % self.args.answer)
        problem = verify(self.secret, headers.get("X-Lobsync-Timestamp", ""),
                         headers.get("X-Lobsync-Signature", ""), body, self.args.max_age)
        if problem:
            return self.reject(401, problem)
        if headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
            return self.reject(415, "Content-Type is not application/json")
        key = headers.get("Idempotency-Key", "")
        if not key:
            return self.reject(400, "Idempotency-Key missing")
        try:
            record = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.reject(400, "body is not UTF-8 JSON")
        if not isinstance(record, dict):
            return self.reject(400, "body is not a JSON object")
        if key in self.keys:
            self.stats["duplicates"] += 1
            self.stats["repeats"][key] = self.stats["repeats"].get(key, 0) + 1
            return 409, {"duplicate": True}
        self.keys.add(key)
        self.stats["accepted"] += 1
        n = len(self.keys)  # keys loaded at start are files 1..k already
        write_atomically(os.path.join(self.args.out, "%d.json" % n),
                         {"n": n, "idempotency_key": key, "timestamp": int(headers["X-Lobsync-Timestamp"]),
                          "body": record})
        return 201, {"stored": n}


def make_handler(receiver):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, status, doc):
            data = json.dumps(doc).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            self.answer(*receiver.handle(self.headers, body))

        def do_GET(self):
            self.answer(405, {"error": "POST only"})

        def log_message(self, format, *args):
            pass  # keep stderr for real trouble

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--secret-env", default="WEBHOOK_SECRET")
    parser.add_argument("--max-age", type=int, default=300)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--answer", type=int, default=0)
    args = parser.parse_args()
    secret = os.environ.get(args.secret_env, "")
    if not secret:
        sys.exit("webhook_receiver: environment variable %s is empty" % args.secret_env)
    os.makedirs(args.out, exist_ok=True)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(Receiver(args, secret.encode("utf-8"))))
    server.daemon_threads = True

    def stop(signum, frame):
        # Leaves serve_forever at once (shutdown() would wait for its next poll). Deliveries are
        # written atomically, so one cut short leaves no half file.
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
