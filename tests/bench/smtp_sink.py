#!/usr/bin/python3
"""An SMTP sink for the dispatch benchmark: accepts every message and keeps nothing but counts.

The test server (tests/fakes/smtp/smtp_server.py, aiosmtpd) writes every message to files and
parses it, about 100 messages a second: a benchmark against it measures the server. This sink
speaks just enough SMTP for libcurl and smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT;
no TLS, no AUTH) with the standard library's asyncio, and does no work per message beyond
finding its end, so that the sender is what a run measures. It answers each command line as it
comes, so a client that pipelines still gets its replies in order.

Binds 127.0.0.1, prints the bound port as the first stdout line (--port 0 picks a free one).
On SIGTERM or SIGINT it writes --stats FILE: {"messages", "bytes", "connections",
"max_concurrent", "cpu_s"} (cpu_s: the sink's own user + system CPU, to show it was not the
bottleneck) and exits 0.
"""

import argparse
import asyncio
import json
import os
import signal

END_OF_DATA = b"\r\n.\r\n"


class Stats:
    def __init__(self):
        self.messages = 0
        self.bytes = 0
        self.connections = 0
        self.open = 0
        self.max_concurrent = 0


class SinkProtocol(asyncio.Protocol):
    def __init__(self, stats):
        self.stats = stats
        self.buffer = bytearray()
        self.in_data = False
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.stats.connections += 1
        self.stats.open += 1
        self.stats.max_concurrent = max(self.stats.max_concurrent, self.stats.open)
        transport.write(b"220 sink.bench ESMTP\r\n")

    def connection_lost(self, exc):
        self.stats.open -= 1

    def data_received(self, data):
        self.buffer += data
        replies = []
        while True:
            if self.in_data:
                end = self.buffer.find(END_OF_DATA)
                if end == -1:
                    break
                consumed = end + len(END_OF_DATA)
                self.stats.messages += 1
                self.stats.bytes += consumed - 2  # without the CRLF put in front at DATA
                del self.buffer[:consumed]
                self.in_data = False
                replies.append(b"250 2.0.0 queued\r\n")
                continue
            line_end = self.buffer.find(b"\r\n")
            if line_end == -1:
                break
            verb = bytes(self.buffer[:4]).upper()
            del self.buffer[: line_end + 2]
            if verb == b"EHLO":
                replies.append(b"250-sink.bench\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-PIPELINING\r\n250 SIZE 52428800\r\n")
            elif verb == b"DATA":
                self.in_data = True
                # The DATA line's own CRLF, so that an empty body's "." line is found too.
                self.buffer[:0] = b"\r\n"
                replies.append(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                replies.append(b"221 bye\r\n")
                self.transport.write(b"".join(replies))
                self.transport.close()
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                replies.append(b"250 2.0.0 ok\r\n")
        if replies:
            self.transport.write(b"".join(replies))


async def serve(port, stats_path):
    stats = Stats()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SinkProtocol(stats), "127.0.0.1", port, backlog=512)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()
    times = os.times()
    with open(stats_path, "w", encoding="utf-8") as f:
        json.dump({"messages": stats.messages, "bytes": stats.bytes, "connections": stats.connections,
                   "max_concurrent": stats.max_concurrent, "cpu_s": round(times.user + times.system, 3)}, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--stats", required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.stats))


if __name__ == "__main__":
    main()
