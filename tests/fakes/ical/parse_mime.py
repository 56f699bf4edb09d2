#!/usr/bin/python3
"""Reads e-mail messages with Python's standard email package (policy=default) and prints one
JSON array: per message its decoded headers, the MIME tree, the decoded text and HTML parts, and
every calendar part (text/calendar or application/ics) parsed by parse_ics.py's reader.

Usage: parse_mime.py FILE...   (run with Debian's /usr/bin/python3)
"""
import email
import email.policy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parse_ics import describe_calendar  # noqa: E402


def tree(part):
    node = {
        'type': part.get_content_type(),
        'charset': part.get_content_charset() or '',
        'method': part.get_param('method') or '',
        'disposition': part.get_content_disposition() or '',
        'filename': part.get_filename() or '',
        'encoding': part.get('Content-Transfer-Encoding', ''),
        'defects': [type(d).__name__ for d in part.defects],
    }
    if part.is_multipart():
        node['parts'] = [tree(p) for p in part.iter_parts()]
    return node


def describe_message(data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    out = {
        'subject': str(msg['Subject']),
        'from': str(msg['From']),
        'to': str(msg['To']),
        'message_id': str(msg['Message-ID']),
        'date': str(msg['Date']),
        'mime_version': str(msg['MIME-Version']),
        'auto_submitted': str(msg['Auto-Submitted']),
        'tree': tree(msg),
        'text': None,
        'html': None,
        'calendars': [],
    }
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        kind = part.get_content_type()
        if kind == 'text/plain':
            out['text'] = payload.decode('utf-8')
        elif kind == 'text/html':
            out['html'] = payload.decode('utf-8')
        elif kind in ('text/calendar', 'application/ics'):
            cal = describe_calendar(payload)
            cal['part_type'] = kind
            cal['part_method'] = part.get_param('method') or ''
            out['calendars'].append(cal)
    return out


def main(paths):
    results = []
    for path in paths:
        with open(path, 'rb') as f:
            results.append(describe_message(f.read()))
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main(sys.argv[1:])
