#!/usr/bin/python3
"""A real SMTP server for tests, built on Debian's aiosmtpd (run it with /usr/bin/python3).

Binds 127.0.0.1 (or --host) and prints the bound port as the first line on stdout, so
--port 0 picks a free one. Every accepted message is stored once per recipient in --out DIR:
  <n>.eml   the content exactly as received (after SMTP's dot-unstuffing), CRLF line ends kept
  <n>.json  {"n", "mail_from", "mail_options", "rcpt", "rcpt_options", "envelope_rcpts",
             "connection", "helo", "tls", "authenticated_as"}; "envelope_rcpts" lists every
             accepted recipient of the transaction, "connection" is the 1-based number of the
             TCP connection that carried it
and DIR/connections.json holds {"opened": N, "closed": M} (TCP connections, including ones
whose TLS handshake failed). DIR/message_ids.json counts accepted transactions per Message-ID
({"<id@host>": n}, "" for a message without one), so a test sees every repeat of a message
rather than having it hidden. Every file is written atomically (temporary file, then rename), so
a reader never sees half a file. n counts from 1 across connections.

Options (SUBSTR options repeat; a match is a case-sensitive substring of the address/content):
  --starttls CERT KEY     offer STARTTLS and refuse MAIL before it (530)
  --smtps CERT KEY        implicit TLS from the first byte
  --auth USER:PASS        require AUTH before MAIL (530); wrong credentials get 535
  --auth-mech MECH        offer only these mechanisms (PLAIN, LOGIN, XOAUTH2; default all
                          that are configured)
  --oauth CONFIG          run the fake OAuth token endpoint (tests/fakes/oauth/token_server.py,
                          CONFIG is its JSON config) in this process, print its port as a second
                          stdout line "TOKEN_PORT <port>", require AUTH and accept XOAUTH2
                          (base64 of "user=<mailbox>^Aauth=Bearer <token>^A^A") with a token that
                          endpoint issued, valid now, for the SMTP scope of Exchange Online
                          (https://outlook.office365.com/.default) or Gmail (https://mail.google.com/),
                          and for a Google token, issued to act as that mailbox; else
                          "535 5.7.3 Authentication unsuccessful" (Exchange Online's words).
                          DIR/auth.json counts {"xoauth2_ok", "xoauth2_refused"}
  --reject SUBSTR         RCPT answered 550 5.1.1
  --tempfail SUBSTR       RCPT answered 451 4.3.0
  --reject-sender SUBSTR  MAIL FROM answered 550 5.7.1
  --reject-data SUBSTR    end of DATA answered 554 5.6.0 when the content contains SUBSTR
  --tempfail-data SUBSTR  end of DATA answered 451 4.3.0 when the content contains SUBSTR
  --idle-timeout SECONDS  close a connection that stays silent this long (default 300)
  --hangup-after N        drop a connection without a reply when MAIL FROM opens its
                          transaction number N+1 (a server that closed a connection just as
                          the client reused it)
  --delay SECONDS         wait this long at the end of DATA before accepting the message and
                          answering 250 (a slow server: deliveries overlap, kills land mid-call)
SIGTERM and SIGINT stop the server with exit code 0.
"""

import argparse
import asyncio
import base64
import binascii
import email.parser
import email.policy
import json
import logging
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "oauth"))

# aiosmtpd warns when AUTH is allowed without TLS; the plain-text tests allow it on purpose.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
# Keep stderr for real trouble (session tracebacks), not aiosmtpd's deprecation chatter.
logging.getLogger("mail.log").setLevel(logging.ERROR)


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def write_json(path, doc):
    write_atomically(path, json.dumps(doc, indent=1, sort_keys=True).encode("utf-8"))


def text(value):
    """Addresses arrive as str; options may be bytes in some aiosmtpd paths."""
    return value.decode("utf-8", "surrogateescape") if isinstance(value, bytes) else value


class Recorder:
    """Shared state of the server: counters and the output folder."""

    def __init__(self, out):
        self.out = out
        self.opened = 0
        self.closed = 0
        self.messages = 0
        self.message_ids = {}
        os.makedirs(out, exist_ok=True)
        self.write_connections()
        write_json(os.path.join(self.out, "message_ids.json"), self.message_ids)

    def write_connections(self):
        write_json(os.path.join(self.out, "connections.json"), {"opened": self.opened, "closed": self.closed})

    def connection_opened(self):
        self.opened += 1
        self.write_connections()
        return self.opened

    def connection_closed(self):
        self.closed += 1
        self.write_connections()

    def count_message_id(self, content):
        headers = email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(content)
        message_id = (headers.get("Message-ID") or "").strip()
        self.message_ids[message_id] = self.message_ids.get(message_id, 0) + 1
        write_json(os.path.join(self.out, "message_ids.json"), self.message_ids)

    def store(self, meta, content):
        self.messages += 1
        n = self.messages
        meta = dict(meta, n=n)
        # The .eml first: a reader that finds the .json can rely on the .eml being complete.
        write_atomically(os.path.join(self.out, f"{n}.eml"), content)
        write_json(os.path.join(self.out, f"{n}.json"), meta)


SMTP_SCOPES = ("https://outlook.office365.com/.default", "https://mail.google.com/")


class Handler:
    """aiosmtpd hooks: scripted replies, then one stored file pair per recipient."""

    def __init__(self, args, recorder, issuer=None):
        self.args = args
        self.recorder = recorder
        self.issuer = issuer
        self.auth_counts = {"xoauth2_ok": 0, "xoauth2_refused": 0}

    def count_auth(self, key):
        self.auth_counts[key] += 1
        write_json(os.path.join(self.recorder.out, "auth.json"), self.auth_counts)

    async def auth_XOAUTH2(self, server, args):
        """SASL XOAUTH2 as Google and Microsoft document it, checked against the fake issuer."""
        refused = AuthResult(success=False, handled=False, message="535 5.7.3 Authentication unsuccessful")
        if len(args) > 1:
            try:
                blob = base64.b64decode(args[1], validate=True)
            except (binascii.Error, ValueError):
                await server.push("501 5.5.2 Can't decode base64")
                return AuthResult(success=False, handled=True)
        else:
            blob = await server.challenge_auth("")
            if blob is MISSING:
                return AuthResult(success=False, handled=True)
        fields = dict(part.split(b"=", 1) for part in blob.split(b"\x01") if b"=" in part)
        user = fields.get(b"user", b"").decode("utf-8", "replace")
        auth = fields.get(b"auth", b"").decode("utf-8", "replace")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        info = None
        if self.issuer is not None and token and user:
            for scope in SMTP_SCOPES:
                info = self.issuer.check(token, scope_suffix=scope, subject=user)
                if info is not None:
                    break
        if info is None:
            self.count_auth("xoauth2_refused")
            return refused
        self.count_auth("xoauth2_ok")
        return AuthResult(success=True, auth_data=LoginPassword(user.encode("utf-8"), b""))

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.hangup_after is not None and server.transactions >= self.args.hangup_after:
            server.transport.abort()  # no reply reaches the client: to it, a dead connection
            return "421 4.4.2 Closing"
        if any(s in address for s in self.args.reject_sender):
            return "550 5.7.1 Sender not permitted"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if any(s in address for s in self.args.reject):
            return "550 5.1.1 Mailbox unavailable"
        if any(s in address for s in self.args.tempfail):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.append([text(o) for o in rcpt_options])
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content
        if any(s.encode("utf-8") in content for s in self.args.reject_data):
            return "554 5.6.0 Message refused"
        if any(s.encode("utf-8") in content for s in self.args.tempfail_data):
            return "451 4.3.0 Try again later"
        if self.args.delay > 0:
            await asyncio.sleep(self.args.delay)
        server.transactions += 1
        transport = server.transport
        tls = transport is not None and transport.get_extra_info("ssl_object") is not None
        user = session.auth_data.login.decode("utf-8") if session.authenticated else None
        for i, rcpt in enumerate(envelope.rcpt_tos):
            meta = {
                "mail_from": text(envelope.mail_from),
                "mail_options": [text(o) for o in envelope.mail_options],
                "rcpt": text(rcpt),
                "rcpt_options": envelope.rcpt_options[i] if i < len(envelope.rcpt_options) else [],
                "envelope_rcpts": [text(r) for r in envelope.rcpt_tos],
                "connection": server.connection_number,
                "helo": session.host_name,
                "tls": tls,
                "authenticated_as": user,
            }
            self.recorder.store(meta, content)
        self.recorder.count_message_id(content)
        return "250 OK"


class CountingSMTP(SMTP):
    """One instance per TCP connection: numbers it and counts it closed exactly once."""

    def __init__(self, recorder, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recorder = recorder
        self.connection_number = recorder.connection_opened()
        self.transactions = 0  # accepted DATA on this connection
        self.counted_closed = False

    def connection_lost(self, error):
        if not self.counted_closed:
            self.counted_closed = True
            self.recorder.connection_closed()
        super().connection_lost(error)


def make_authenticator(credentials):
    user, _, password = (credentials or "").partition(":")

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            credentials is not None
            and isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode("utf-8")
            and auth_data.password == password.encode("utf-8")
        )
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    return authenticator


def tls_context(cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out", required=True)
    tls = p.add_mutually_exclusive_group()
    tls.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    tls.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    p.add_argument("--auth", metavar="USER:PASS")
    p.add_argument("--auth-mech", action="append", default=[], choices=["PLAIN", "LOGIN", "XOAUTH2"])
    p.add_argument("--oauth", metavar="CONFIG")
    for name in ("reject", "tempfail", "reject-sender", "reject-data", "tempfail-data"):
        p.add_argument("--" + name, action="append", default=[], metavar="SUBSTR")
    p.add_argument("--idle-timeout", type=float, default=300)
    p.add_argument("--hangup-after", type=int, metavar="N")
    p.add_argument("--delay", type=float, default=0, metavar="SECONDS")
    return p.parse_args(argv)


async def serve(args):
    recorder = Recorder(args.out)
    issuer = None
    if args.oauth:
        import token_server  # the shared fake token endpoint (tests/fakes/oauth)

        with open(args.oauth) as f:
            issuer = token_server.TokenIssuer(json.load(f))
        token_http = token_server.serve_in_thread(issuer, host=args.host)
    handler = Handler(args, recorder, issuer)
    smtp_options = {
        "hostname": "fake-smtp.test",
        "timeout": args.idle_timeout,
        "enable_SMTPUTF8": True,
        "data_size_limit": 32 * 1024 * 1024,
    }
    if args.starttls:
        smtp_options.update(tls_context=tls_context(*args.starttls), require_starttls=True)
    configured = (["PLAIN", "LOGIN"] if args.auth else []) + (["XOAUTH2"] if args.oauth else [])
    mechanisms = set(args.auth_mech or configured) & set(configured)
    if args.auth or args.oauth:
        smtp_options.update(
            authenticator=make_authenticator(args.auth),
            auth_required=True,
            # With STARTTLS, AUTH waits for TLS as a real server does; with implicit TLS the
            # session is encrypted already (aiosmtpd only recognises STARTTLS); plain allows it.
            auth_require_tls=bool(args.starttls),
            auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN", "XOAUTH2") if m not in mechanisms],
        )
    else:
        smtp_options.update(auth_exclude_mechanism=["XOAUTH2"])
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CountingSMTP(recorder, handler, loop=loop, **smtp_options),
        host=args.host,
        port=args.port,
        ssl=tls_context(*args.smtps) if args.smtps else None,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    if issuer is not None:
        print(f"TOKEN_PORT {token_http.server_address[1]}", flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.close()


def main(argv):
    asyncio.run(serve(parse_args(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
