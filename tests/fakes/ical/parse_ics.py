#!/usr/bin/python3
"""Reads iCalendar files with python3-icalendar, an implementation independent of lobsync's, and
prints one JSON array: per file what it understood (method, time zones, events with their times
in UTC, organizer, attendees with CN as an RFC 6868 reader sees it). Times with a TZID are
converted twice: by the tz database (how icalendar resolves a known TZID) and by the file's own
VTIMEZONE, so a wrong VTIMEZONE shows.

Usage: parse_ics.py FILE...   (run with Debian's /usr/bin/python3)
"""
import json
import sys
from datetime import timezone

import icalendar


def utc_iso(value):
    return value.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def rfc6868_unescape(value):
    """Parameter values per RFC 6868 (^^ ^' ^n), as calendar clients read them; python3-icalendar
    4 does not, newer versions do it themselves."""
    if hasattr(icalendar.parser, 'rfc_6868_unescape'):
        return value
    out, i = [], 0
    while i < len(value):
        pair = value[i:i + 2]
        if pair in ('^^', "^'", '^n', '^N'):
            out.append({'^^': '^', "^'": '"'}.get(pair, '\n'))
            i += 2
        else:
            out.append(value[i])
            i += 1
    return ''.join(out)


def person(prop):
    params = dict(prop.params)
    return {
        'address': str(prop),
        'cn': rfc6868_unescape(params.get('CN', '')),
        'role': params.get('ROLE', ''),
        'partstat': params.get('PARTSTAT', ''),
        'rsvp': params.get('RSVP', ''),
        'cutype': params.get('CUTYPE', ''),
        'schedule_agent': params.get('SCHEDULE-AGENT', ''),
    }


def describe_time(prop, zones):
    tzid = prop.params.get('TZID', '')
    out = {'utc': utc_iso(prop.dt), 'tzid': tzid, 'local': prop.dt.strftime('%Y%m%dT%H%M%S')}
    if tzid:
        naive = prop.dt.replace(tzinfo=None)
        out['utc_by_vtimezone'] = utc_iso(zones[tzid].localize(naive)) if tzid in zones else 'no VTIMEZONE'
    return out


def describe_calendar(data):
    cal = icalendar.Calendar.from_ical(data)
    zones, timezones, events = {}, [], []
    for tz in cal.walk('VTIMEZONE'):
        tzid = str(tz['TZID'])
        zones[tzid] = tz.to_tz()
        parts = [{
            'kind': sub.name,
            'from': sub['TZOFFSETFROM'].to_ical(),
            'to': sub['TZOFFSETTO'].to_ical(),
            'name': str(sub.get('TZNAME', '')),
            'dtstart': sub['DTSTART'].to_ical().decode(),
            'rrule': sub['RRULE'].to_ical().decode() if 'RRULE' in sub else '',
        } for sub in tz.subcomponents]
        timezones.append({'tzid': tzid, 'parts': parts})
    for ev in cal.walk('VEVENT'):
        attendees = ev.get('ATTENDEE', [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            'uid': str(ev.get('UID', '')),
            'sequence': int(ev.get('SEQUENCE', 0)),
            'dtstamp': utc_iso(ev.decoded('DTSTAMP')),
            'dtstart': describe_time(ev['DTSTART'], zones),
            'dtend': describe_time(ev['DTEND'], zones),
            'summary': str(ev.get('SUMMARY', '')),
            'description': str(ev.get('DESCRIPTION', '')),
            'location': str(ev.get('LOCATION', '')),
            'url': str(ev.get('URL', '')),
            'status': str(ev.get('STATUS', '')),
            'transp': str(ev.get('TRANSP', '')),
            'organizer': person(ev['ORGANIZER']) if 'ORGANIZER' in ev else None,
            'attendees': [person(a) for a in attendees],
        })
    return {
        'version': str(cal.get('VERSION', '')),
        'prodid': str(cal.get('PRODID', '')),
        'calscale': str(cal.get('CALSCALE', '')),
        'method': str(cal.get('METHOD', '')),
        'calname': str(cal.get('X-WR-CALNAME', '')),
        'components': [c.name for c in cal.subcomponents],
        'timezones': timezones,
        'events': events,
    }


def main(paths):
    results = []
    for path in paths:
        with open(path, 'rb') as f:
            results.append(describe_calendar(f.read()))
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main(sys.argv[1:])
