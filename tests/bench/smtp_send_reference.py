#!/usr/bin/python3
"""The dispatch benchmark's reference: a plain script sending the same volume of mail.

Python's smtplib sends --messages finished messages of --size bytes each (one recipient per
transaction, as lobsync's smtp plugin does) to 127.0.0.1:--port over --connections kept-alive
connections, one thread each, and prints one JSON line: {"messages", "connections", "wall_s",
"cpu_s", "per_second", "cpu_ms_per_message"}. The messages are prepared before the clock
starts; nothing is built, stored or recorded per message, so this is close to the floor of
sending over SMTP from Python.
"""

import argparse
import json
import os
import smtplib
import threading
import time


def message(size, n):
    head = (f"From: LOB <lob@bench.example>\r\nTo: <r{n}@bench.example>\r\nSubject: Gesprek {n}\r\n"
            f"Message-ID: <ref-{n}@bench.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n")
    line = "Dit is een regel tekst van het referentiebericht.\r\n"
    body = (line * (max(0, size - len(head)) // len(line) + 1))[: max(0, size - len(head))]
    return (head + body).encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--messages", type=int, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--connections", type=int, default=1)
    args = parser.parse_args()

    shares = [args.messages // args.connections + (1 if i < args.messages % args.connections else 0)
              for i in range(args.connections)]
    prepared = [[message(args.size, c * 1_000_000 + i) for i in range(share)] for c, share in enumerate(shares)]

    def send(batch):
        with smtplib.SMTP("127.0.0.1", args.port) as client:
            client.ehlo("reference.bench")
            for n, data in enumerate(batch):
                client.sendmail("lob@bench.example", [f"r{n}@bench.example"], data)

    start_cpu = os.times()
    start = time.monotonic()
    threads = [threading.Thread(target=send, args=(batch,)) for batch in prepared]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - start
    end_cpu = os.times()
    cpu = (end_cpu.user - start_cpu.user) + (end_cpu.system - start_cpu.system)
    print(json.dumps({"messages": args.messages, "connections": args.connections, "wall_s": round(wall, 3),
                      "cpu_s": round(cpu, 3), "per_second": round(args.messages / wall, 1),
                      "cpu_ms_per_message": round(cpu * 1000 / args.messages, 3)}))


if __name__ == "__main__":
    main()
