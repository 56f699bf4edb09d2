#!/usr/bin/python3
"""A forwarding proxy in front of a CalDAV server (Radicale in the tests) that makes the client
lose the update race on purpose: before forwarding a PUT with If-Match, it first changes the
same event itself, as another calendar client would between the plugin's read and its write,
so the server really answers 412 Precondition Failed.

    race_proxy.py --upstream PORT [--races N]

Listens on a free 127.0.0.1 port and prints "LISTENING <port>"; prints "RACE <n>" each time it
changes an event behind the client's back (at most N times, default 1). Everything else is
forwarded unchanged.
"""
import argparse
import http.client
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop headers and those the proxy sets itself.
SKIPPED = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length"}


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.command == "PUT" and self.headers.get("If-Match"):
            race = self.server.take_race()
            if race:
                self.change_behind_the_back(body, race)
        status, headers, data = self.forward(self.command, self.path, dict(self.headers.items()), body)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in SKIPPED:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = do_any
    do_PROPFIND = do_REPORT = do_MKCALENDAR = do_any

    def forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.upstream, timeout=30)
        try:
            kept = {k: v for k, v in headers.items() if k.lower() not in SKIPPED}
            connection.request(method, path, body=body, headers=kept)
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()

    def change_behind_the_back(self, body, race):
        # Same UID, other content: each change differs, so the server's ETag changes every time.
        text = body.decode("utf-8").replace("SUMMARY:", "SUMMARY:Elders gewijzigd (%d) - " % race, 1)
        headers = {"Authorization": self.headers.get("Authorization", ""),
                   "Content-Type": "text/calendar; charset=utf-8"}
        status, _, _ = self.forward("PUT", self.path, headers, text.encode("utf-8"))
        print("RACE %d %d" % (race, status), flush=True)

    def log_message(self, fmt, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream, races):
        super().__init__(("127.0.0.1", 0), Proxy)
        self.upstream = upstream
        self.races_left = races
        self.races_done = 0
        self.lock = threading.Lock()

    def take_race(self):
        with self.lock:
            if self.races_left <= 0:
                return 0
            self.races_left -= 1
            self.races_done += 1
            return self.races_done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", type=int, required=True)
    parser.add_argument("--races", type=int, default=1)
    args = parser.parse_args()
    server = Server(args.upstream, args.races)
    print("LISTENING %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
