#!/usr/bin/python3
"""A scripted HTTP(S) server for the host's HTTP client tests; standard library only.

Binds 127.0.0.1 on a free port and prints "LISTENING <port>" on stdout once it accepts
connections. Routes:
  /echo                          200, JSON with method, path, query, headers, body
  /flaky/<key>?fail=N&status=S   status S (default 503) the first N times per key, then 200
  /retry-after?seconds=S&key=K   429 with "Retry-After: S" the first time per key, then 200
  /slow?ms=M                     200 after M milliseconds
  /big?bytes=N&chunked=1         200 with N bytes; chunked=1 sends no Content-Length
  /redirect?to=URL&hops=N         302 to URL, through N redirects in all (default 1)
  /close?times=N&key=K           closes the connection without a response (N times per key,
                                 then 200; without times: always)
Option --tls CERT KEY serves HTTPS. Later fake SIS servers follow the same pattern: one
handler, routes as small methods, per-key counters for scripted failures.
"""

import argparse
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

_counters = {}
_counters_lock = threading.Lock()


def count(route, key):
    """How many times route/key was hit before this request (0 the first time)."""
    with _counters_lock:
        seen = _counters.get((route, key), 0)
        _counters[(route, key)] = seen + 1
        return seen


class Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 so the client may reuse connections, as real servers let it.
    protocol_version = "HTTP/1.1"

    def do_any(self):
        url = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length) if length else b""
        route = url.path.split("/")[1] if url.path.count("/") else ""
        handler = getattr(self, "route_" + route.replace("-", "_"), None)
        if handler is None:
            self.reply(404, b"not found\n")
        else:
            handler(url)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_any
    # WebDAV/CalDAV verbs, which the host lets plugins send.
    do_PROPFIND = do_PROPPATCH = do_REPORT = do_MKCOL = do_MKCALENDAR = do_any

    def reply(self, status, body, content_type="text/plain", extra_headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def route_echo(self, url):
        doc = {
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": self.body.decode("utf-8", "replace"),
        }
        self.reply(200, json.dumps(doc).encode(), "application/json")

    def route_flaky(self, url):
        key = url.path[len("/flaky/"):]
        fail = int(self.query.get("fail", "1"))
        status = int(self.query.get("status", "503"))
        if count("flaky", key) < fail:
            self.reply(status, b"try again\n")
        else:
            self.reply(200, b"ok\n")

    def route_retry_after(self, url):
        if count("retry-after", self.query.get("key", "")) == 0:
            self.reply(429, b"slow down\n", extra_headers=[("Retry-After", self.query.get("seconds", "1"))])
        else:
            self.reply(200, b"ok\n")

    def route_slow(self, url):
        time.sleep(int(self.query.get("ms", "1000")) / 1000)
        self.reply(200, b"slow\n")

    def route_big(self, url):
        size = int(self.query.get("bytes", "0"))
        if self.query.get("chunked") != "1":
            self.reply(200, b"x" * size)
            return
        # No Content-Length: the body ends when the connection closes, so the client cannot
        # refuse it up front and has to count while it reads.
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for start in range(0, size, 65536):
            self.wfile.write(b"x" * min(65536, size - start))

    def route_redirect(self, url):
        hops = int(self.query.get("hops", "1"))
        target = self.query.get("to", "/echo")
        if hops > 1:
            target = "/redirect?" + urlencode({"hops": hops - 1, "to": target})
        self.reply(302, b"", extra_headers=[("Location", target)])

    def route_close(self, url):
        times = self.query.get("times")
        if times is not None and count("close", self.query.get("key", "")) >= int(times):
            self.reply(200, b"ok\n")
            return
        self.close_connection = True  # and write nothing: the client sees an empty reply

    def log_message(self, fmt, *args):
        pass  # quiet: tests read stdout for LISTENING and stderr for real errors only


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that timed out and hung up (the /slow tests) is expected, not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ssl.SSLError)):
            super().handle_error(request, client_address)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    args = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    if args.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        # The handshake happens in the handler thread, so one bad client cannot stall the rest.
        server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    print("LISTENING", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
