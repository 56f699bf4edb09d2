#!/usr/bin/python3
"""Writes the seed corpora tests/fuzz/corpus/<target>/ from the project's test data (tests/data,
the fakes' sample answers) and the unit tests' examples. Run it again when the test data change:

    /usr/bin/python3 tests/fuzz/make_corpus.py

Seeds are small (a few KB) and few (a few dozen per target): they show the fuzzer the shapes of
real input; what it finds from there stays in the run's scratch copy (tests/fuzz/run.sh)."""

import base64
import hashlib
import hmac
import json
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
sys.path.insert(0, os.path.join(ROOT, "tests", "fakes", "somtoday"))


def read(*parts):
    with open(os.path.join(ROOT, *parts), "rb") as f:
        return f.read()


def files_input(options, files):
    """The multi-file input of fuzz_support.hpp split_files."""
    out = options.encode() + b"\n"
    for name, data in files:
        out += b"@@@ " + name.encode() + b"\n" + data + b"\n"
    return out


class Corpus:
    def __init__(self, target):
        self.dir = os.path.join(OUT, target)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(self.dir, name), "wb") as f:
            f.write(data)


def cp1252(data):
    return data.decode("utf-8-sig").encode("cp1252", errors="replace")


# --- csv: first byte picks encoding (byte % 3: auto, utf-8, windows-1252) and delimiter
# (byte / 3 % 4: ';', ',', tab, guessed).
def csv():
    c = Corpus("csv")
    modes = {"auto-semicolon": 0, "utf8-semicolon": 1, "cp1252-comma": 5, "auto-guessed": 9, "utf8-tab": 7}
    for name in ("leerlingen", "ouders", "personeel", "mentoren"):
        data = read("tests", "data", "magister", "school", name + ".csv")
        c.add(f"magister-{name}-auto", bytes([modes["auto-semicolon"]]) + data)
        c.add(f"magister-{name}-guessed", bytes([modes["auto-guessed"]]) + data)
    c.add("magister-leerlingen-cp1252", bytes([modes["cp1252-comma"] - 3]) + cp1252(read("tests", "data", "magister", "school", "leerlingen.csv")))
    for version in ("v1.1", "v1.2"):
        for name in ("users", "orgs", "enrollments"):
            data = read("tests", "data", "oneroster", version, name + ".csv")
            c.add(f"oneroster-{version}-{name}", bytes([3]) + data)
    c.add("quoted-multiline", bytes([4]) + b'id,note\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n3,plain "quote" inside\r\n\r\n')
    c.add("unterminated", bytes([4]) + b'id,note\n1,"never closed\n2,x\n')
    c.add("text-after-quote", bytes([4]) + b'id,note\n1,"a"b\n')
    c.add("tabs", bytes([modes["utf8-tab"]]) + b"stamnr\tnaam\n1\tZo\xc3\xab\n")
    c.add("lone-cr", bytes([4]) + b"a,b\r1,2\r3,4")
    c.add("duplicate-header", bytes([4]) + b"sourcedId,SourcedId ,givenName\n1,2,3\n")
    c.add("typo-header", bytes([4]) + b"sourcedid,givenNmae,stamnr\n")
    c.add("utf16", bytes([0]) + "a;b\n".encode("utf-16"))
    c.add("bom-cp1252", bytes([2]) + b"\xef\xbb\xbfa;b\n")
    c.add("undefined-cp1252", bytes([2]) + b"a;\x81\n")


# --- oneroster: the v1.1 and v1.2 exports as one input each, with option variations.
def oneroster():
    c = Corpus("oneroster")
    order = ["manifest", "orgs", "classes", "roles", "demographics", "enrollments", "users"]
    for version, options in (("v1.1", "encoding=utf-8 version=auto grades=us"),
                             ("v1.2", "encoding=auto version=auto grades=leerjaar"),
                             ("v1.2", "encoding=utf-8 version=1.2 middle=ignore")):
        folder = os.path.join(ROOT, "tests", "data", "oneroster", version)
        files = [(n + ".csv", read(folder, n + ".csv")) for n in order if os.path.exists(os.path.join(folder, n + ".csv"))]
        c.add(f"{version}-{options.split()[1]}-{len(options)}", files_input(options, files))
    v11 = os.path.join(ROOT, "tests", "data", "oneroster", "v1.1")
    users = read(v11, "users.csv")
    manifest = read(v11, "manifest.csv")
    c.add("v1.1-cp1252-users", files_input("encoding=windows-1252", [("manifest.csv", manifest), ("users.csv", cp1252(users))]))
    c.add("delta-manifest", files_input("", [("manifest.csv", manifest.replace(b"bulk", b"delta", 1)), ("users.csv", users)]))
    c.add("no-manifest", files_input("", [("users.csv", users)]))
    c.add("empty-users", files_input("", [("manifest.csv", manifest), ("users.csv", b"")]))


# --- oneroster_zip: the exports zipped flat and inside a folder, deflated and stored, and cut.
def oneroster_zip():
    import io
    import zipfile
    c = Corpus("oneroster_zip")

    def zipped(files, prefix="", method=zipfile.ZIP_DEFLATED):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as z:
            for name, data in files:
                z.writestr(zipfile.ZipInfo(prefix + name, date_time=(2026, 10, 1, 8, 0, 0)), data, compress_type=method)
        return buffer.getvalue()

    folder = os.path.join(ROOT, "tests", "data", "oneroster", "v1.1")
    files = [(n, read(folder, n)) for n in ("manifest.csv", "users.csv", "orgs.csv")]
    flat = zipped(files)
    c.add("flat-deflated", flat)
    c.add("folder-stored", zipped(files[:2], "export/", zipfile.ZIP_STORED))
    c.add("two-users", zipped([files[1]], "a/") + zipped([files[1]], "b/"))
    c.add("truncated", flat[: len(flat) * 2 // 3])
    c.add("not-a-zip", b"sourcedId,givenName\n")


# --- magister_csv: the files-mode school, also as the SWP names it and in Windows-1252.
def magister_csv():
    c = Corpus("magister_csv")
    folder = os.path.join(ROOT, "tests", "data", "magister", "school")
    files = [(n, read(folder, n)) for n in ("leerlingen.csv", "personeel.csv", "ouders.csv", "mentoren.csv")]
    c.add("school-files", files_input("", files))
    c.add("school-swp-auto", files_input("swp encoding=auto", files))
    c.add("school-cp1252", files_input("encoding=windows-1252", [(n, cp1252(d)) for n, d in files]))
    c.add("students-only", files_input("", files[:1]))
    students = files[0][1]
    c.add("truncated", files_input("", [("leerlingen.csv", students[: len(students) - 20])]))
    c.add("commas", files_input("", [("leerlingen.csv", students.replace(b";", b","))]))
    c.add("repeated-header", files_input("", [("leerlingen.csv", students + students)] + files[1:]))


# --- magister_swp: SWP answers (fake_swp.py), with a timetable value and date on lines 1 and 2.
def magister_swp():
    c = Corpus("magister_swp")
    xml = '<?xml version="1.0" encoding="utf-8"?>'
    answers = {
        "login-ok": xml + "<Response><Result>True</Result><SessionToken>tok-1-42</SessionToken></Response>",
        "login-refused": xml + "<Response><Result>False</Result><ResultMessage>Gebruikersnaam of wachtwoord onjuist</ResultMessage></Response>",
        "exception": xml + "<Response><Exception>Error</Exception><ExceptionMsg>Layout &quot;x&quot; &amp; &#233;&#x20AC; bestaat niet</ExceptionMsg></Response>",
        "empty-element": "<Response><Result/><SessionToken /></Response>",
        "nested-names": "<Response><ResultMessage>a</ResultMessage><Result>True</Result></Response>",
    }
    times = [("08:30", "19-10-2026"), ("8:30", "2026-10-19"), ("2026-10-19T08:30:00", ""),
             ("19-10-2026 08:30", ""), ("2026-10-26T07:30:00.000Z", ""), ("2027-03-28T02:30", ""),
             ("2026-10-25 02:30:00+01:00", ""), ("09:20:00", "19/10/2026")]
    for i, (name, body) in enumerate(answers.items()):
        value, day = times[i % len(times)]
        c.add(name, f"{value}\n{day}\n{body}")
    for i, (value, day) in enumerate(times):
        c.add(f"time-{i}", f"{value}\n{day}\n")


# --- somtoday: a generated school in the Connect shapes (tests/fakes/somtoday/school.py).
def somtoday():
    from school import School
    c = Corpus("somtoday")
    for seed, vestigingen in ((1, 1), (2, 2)):
        s = School(students=12, seed=seed, vestigingen=vestigingen)
        first = s.vestigingen[0]["uuid"]
        # A few of each: enough for every shape (siblings, mentors, placements), small enough to
        # keep the executions fast.
        students = [{k: v for k, v in st.items() if k not in ("BSN", "adres", "mobielnummer", "geslacht", "isActief")}
                    for st in s.students[first][:4]]
        theirs = {v["uuid"] for st in students for v in st.get("verzorgers", [])}
        doc = {"today": "2026-10-01", "vestigingen": s.vestigingen,
               "medewerkers": s.staff[first][:3], "stamgroepen": s.groups[first][:2],
               "leerlingen": students,
               "ouderVerzorgers": [g for g in s.guardians.values() if g["uuid"] in theirs][:4],
               "error": json.dumps({"errors": [{"code": 403, "problem": "Forbidden", "clarification": "geen rechten"}]})}
        # Lesgroepen and timetable fields are not read by the mapping: keep the seeds small.
        for person in doc["medewerkers"]:
            person.pop("lesgroepen", None)
        c.add(f"school-{seed}", json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    c.add("oauth-error", json.dumps({"error": json.dumps({"error": "invalid_client", "error_description": "Bad credentials"})}))
    c.add("not-json", "<html>502 Bad Gateway</html>")


# --- somtoday_lessons: rooster weeks as fake_somtoday.py answers them, with the two teachers the
# target asks about (staff 1 teaches the lesgroep, staff 2 substitutes).
def somtoday_lessons():
    from school import School
    c = Corpus("somtoday_lessons")
    s = School(students=12, seed=1)
    first = s.vestigingen[0]["uuid"]
    ids = {s.staff[first][1]["uuid"]: "1e2feb89-414c-443c-9027-c4d1c386bbc4",
           s.staff[first][2]["uuid"]: "78E51061-7311-48A3-82CE-6F447ED4D57B"}
    for g in s.lesgroepen[first]:
        for week in (43, 44):
            text = json.dumps(s.rooster(first, g["uuid"], week), ensure_ascii=False, separators=(",", ":"))
            for old, new in ids.items():
                text = text.replace(old, new)
            c.add(f"{g['naam']}-week{week}", text)
    c.add("no-rooster", '{"rooster": null}')
    c.add("bad-shape", '{"rooster": {"begindatum": "2026-10-26", "afspraken": {"id": 1}}}')
    c.add("bad-times", json.dumps({"rooster": {"begindatum": "2026-10-26", "afspraken": [
        {"id": 7, "begintijd": "2026-10-27T09:00:00+01:00", "eindtijd": "2026-10-27T08:00:00+01:00"},
        {"id": 8, "begintijd": "2027-03-28T02:30:00", "eindtijd": "2027-03-28T03:30:00"}, 5]}}))


# --- zermelo: /api/v3/appointments answers as fake_zermelo.py gives them (a teacher's day with a
# moved lesson, a cancelled one, a choice slot, an exam), and broken ones.
def zermelo():
    import datetime
    sys.path.insert(0, os.path.join(ROOT, "tests", "fakes", "zermelo"))
    from timetable import Timetable
    c = Corpus("zermelo")
    t = Timetable(datetime.date(2026, 10, 19), datetime.date(2026, 10, 30))
    fields = ["id", "start", "end", "type", "teachers", "valid", "cancelled"]

    def envelope(rows, **extra):
        response = {"status": 200, "message": "", "details": "", "eventId": 0, "startRow": 0,
                    "endRow": len(rows), "totalRows": len(rows), "data": rows}
        response.update(extra)
        return json.dumps({"response": response}, ensure_ascii=False, separators=(",", ":"))

    for day in (20, 22, 23, 26, 28):
        start = int(datetime.datetime(2026, 10, day, tzinfo=datetime.timezone.utc).timestamp())
        rows = [{k: a[k] for k in fields} for a in t.appointments if start <= a["start"] < start + 86400]
        c.add(f"day-{day}", envelope(rows))
        c.add(f"day-{day}-all-fields", envelope([a for a in t.appointments if start <= a["start"] < start + 86400]))
    c.add("empty", envelope([]))
    c.add("cut-off", envelope([{"id": 1, "start": 1793259000, "end": 1793262000}], totalRows=5))
    c.add("refused", envelope([], status=403, message="Access denied – geen rechten"))
    c.add("bad-rows", envelope([{"id": 2, "start": 1793259000}, {"id": 3, "start": 99999999999, "end": 1},
                                {"id": 4, "start": "2026-10-29T08:30", "end": 1793262000}, "junk",
                                {"id": 6, "start": 1793262000, "end": 1793259000, "valid": "yes"},
                                {"start": 18446744073709551615, "end": -1, "teachers": ["JAN", 5, None]}]))
    c.add("no-envelope", '{"data":[]}')
    c.add("html", "<html><body>Onderhoud</body></html>")


# --- record: one roster record as a plugin emits it (plugins/sdk/roster-records.md).
def record():
    c = Corpus("record")
    records = [
        {"kind": "location", "source_id": "loc:Noord", "name": "Noord", "code": "N"},
        {"kind": "student", "source_id": "2001", "student_number": "2001", "given_name": "Zoë", "family_name_prefix": "van",
         "family_name": "Dijk", "birth_date": "2012-03-04", "email": "2001@leerling.example", "location": "loc:Noord",
         "group": "klas:2H1", "year": 2, "level": "havo", "language": "nl", "active_from": "2026-08-01",
         "active_until": "2027-07-31"},
        {"kind": "guardian", "source_id": "p1", "initials": "M.", "family_name": "Dijk", "email": "m.vandijk@example.org",
         "phone": "0611111111", "household": "h:1234AB-5", "is_organisation": False,
         "students": [{"student": "2001", "relation": "moeder", "parental_authority": True, "may_receive_mail": True,
                       "contact_order": 1}]},
        {"kind": "staff", "source_id": "501", "given_name": "Anna", "family_name": "Jansen", "abbreviation": "JAN",
         "email": "a.jansen@school.example", "location": "loc:Noord"},
        {"kind": "group", "source_id": "klas:2H1", "name": "2H1", "year": 2, "level": "havo", "location": "loc:Noord"},
        {"kind": "mentor", "staff": "501", "group": "klas:2H1", "role": "first"},
        {"kind": "mentor", "staff": "501", "student": "2001", "role": "second"},
        {"kind": "problem", "record": "file leerlingen.csv line 7", "field": "geb_datum_str", "message": "not a date",
         "dropped": "value"},
        {"kind": "student", "source_id": "x", "given_name": "A\tB", "family_name": "C", "email": "a(b)@x.nl", "year": 7,
         "birth_date": "2012-02-30", "level": "mbo", "language": "n", "extra": "dropped"},
        {"kind": "guardian", "source_id": "p2", "family_name": "Smit", "students": [{"relation": "vader"}, "2001"]},
        {"kind": "teacher", "source_id": "1"},
        {"kind": "guardian", "source_id": "p3", "family_name": "Smit",
         "students": [{"student": "2001", "relation": "moe\u0001der", "contact_order": -4294967295},
                      {"student": "20\u000102"}, {"student": "2003", "relation": "voogd", "contact_order": 2}]},
    ]
    for i, r in enumerate(records):
        c.add(f"{i:02d}-{r['kind']}", json.dumps(r, ensure_ascii=False))
    c.add("not-an-object", "[1,2,3]")


# --- ical: calendar objects as CalDAV servers return them (tests/unit/caldav).
def ical():
    c = Corpus("ical")

    def calendar(body, extra=""):
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + extra + body + "END:VCALENDAR\r\n"

    def event(uid, lines):
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261122T100000Z\r\n" + lines + "END:VEVENT\r\n"

    lessons = ("DTSTART;TZID=Europe/Amsterdam:20260831T090000\r\nDTEND;TZID=Europe/Amsterdam:20260831T095000\r\n"
               "RRULE:FREQ=WEEKLY;BYDAY=MO,WE\r\n")
    vtimezone = ("BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
                 "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n"
                 "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
                 "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
    seeds = {
        "single-events": calendar(event("utc", "DTSTART:20261207T100000Z\r\nDTEND:20261207T103000Z\r\n") +
                                  event("zoned", "DTSTART;TZID=Europe/Amsterdam:20261208T150000\r\nDTEND;TZID=Europe/Amsterdam:20261208T153000\r\n") +
                                  event("floating", "DTSTART:20261209T090000\r\nDTEND:20261209T100000\r\n") +
                                  event("duration", "DTSTART;TZID=Europe/Amsterdam:20261210T130000\r\nDURATION:PT50M\r\n")),
        "weekly-exdate": calendar(event("les-2h1", lessons + "EXDATE;TZID=Europe/Amsterdam:20261209T090000\r\n")),
        "overrides": calendar(event("les", lessons) +
                              event("les", "RECURRENCE-ID;TZID=Europe/Amsterdam:20261207T090000\r\nDTSTART;TZID=Europe/Amsterdam:20261207T110000\r\nDTEND;TZID=Europe/Amsterdam:20261207T115000\r\n") +
                              event("les", "RECURRENCE-ID;RANGE=THISANDFUTURE:20261209T080000Z\r\nSTATUS:CANCELLED\r\nDTSTART:20261209T080000Z\r\nDTEND:20261209T085000Z\r\n")),
        "all-day": calendar(event("studiedag", "DTSTART;VALUE=DATE:20261208\r\nDTEND;VALUE=DATE:20261209\r\n") +
                            event("no-end", "DTSTART;VALUE=DATE:20261210\r\n") +
                            event("vrij", "DTSTART;VALUE=DATE:20261211\r\nTRANSP:TRANSPARENT\r\n")),
        "vtimezone": calendar(event("outlook", "DTSTART;TZID=W. Europe Standard Time:20261026T090000\r\n"
                                               "DTEND;TZID=\"W. Europe Standard Time\":20261026T100000\r\n"
                                               "RRULE:FREQ=DAILY;INTERVAL=2;COUNT=30;WKST=SU\r\n"), vtimezone),
        "unknown-tzid": calendar(event("x", "DTSTART;TZID=Mars/Olympus:20261207T100000\r\nDURATION:P1DT2H\r\n"
                                            "RRULE:FREQ=WEEKLY;UNTIL=20261231T235959Z;BYDAY=TU,TH\r\n")),
        "unsupported-rrule": calendar(event("m", "DTSTART:20261001T080000Z\r\nDTEND:20261001T090000Z\r\n"
                                                 "RRULE:FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1\r\nRDATE:20261105T080000Z\r\n")),
        "folded-and-escaped": ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:fold\nSUMMARY:Gesprek met ouders van Zo\u00eb\\, 2H1\\; \n lokaal 3\n"
                               "DESCRIPTION;LANGUAGE=nl:regel 1\\nregel 2\nDTSTART:20261207T100000Z\n\tDTEND:20261207T110000Z\n"
                               "ATTENDEE;CN=\"Jansen, A.\";ROLE=REQ-PARTICIPANT:mailto:a.jansen@school.example\n"
                               "BEGIN:VALARM\nTRIGGER:-PT15M\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n"),
        "broken": "BEGIN:VCALENDAR\r\n continuation first\r\n;x\r\nBEGIN:VEVENT\r\nDTSTART:20261399T250000\r\nX;P=\"open:v\r\nEND:VTODO\r\nBEGIN:\r\nEND:VCALENDAR\r\nEND:VEVENT\r\n",
        "dst-gap": calendar(event("gap", "DTSTART;TZID=Europe/Amsterdam:20270328T023000\r\nDTEND;TZID=Europe/Amsterdam:20270328T033000\r\n")),
    }
    for name, text in seeds.items():
        c.add(name, text)


# --- multistatus: WebDAV answers (tests/unit/caldav/multistatus_test.cpp).
def multistatus():
    c = Corpus("multistatus")
    seeds = {
        "radicale": ("<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                     "<response><href>/mentor/lob/a%40x.ics</href><propstat><prop><getetag>\"07f6\"</getetag>"
                     "<C:calendar-data>BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n</C:calendar-data></prop>"
                     "<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"),
        "prefixes-cdata": ("<d:multistatus xmlns:d=\"DAV:\" xmlns:cal=\"urn:ietf:params:xml:ns:caldav\"><d:response><d:href> /cal/1.ics </d:href>"
                           "<d:propstat><d:prop><d:getetag>\"1\"</d:getetag><cal:calendar-data><![CDATA[BEGIN:VCALENDAR<&>]]></cal:calendar-data>"
                           "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat><d:propstat><d:prop><cal:schedule-tag/></d:prop>"
                           "<d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response><d:response><d:href>/cal/gone.ics</d:href>"
                           "<d:status>HTTP/1.1 404 Not Found</d:status></d:response></d:multistatus>"),
        "precondition": ("<?xml version=\"1.0\"?><D:error xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">"
                         "<C:no-uid-conflict><D:href>/cal/other.ics</D:href></C:no-uid-conflict></D:error>"),
        "html": "<html><body>Bad Gateway</body></html>",
        "odd": "<multistatus><response/><response><propstat><status>junk</status></propstat></response>text</multistatus>",
        "status-line": "HTTP/1.1 207 Multi-Status\n<multistatus/>",
    }
    for name, text in seeds.items():
        c.add(name, text)


# --- config: the shipped example and demo configs, and the shapes the unit tests break.
def config():
    c = Corpus("config")
    c.add("example", read("config", "lobsync.example.json"))
    c.add("demo", read("config", "demo.json"))
    c.add("minimal", '{"school": {"name": "Stedelijk College", "timezone": "Europe/Amsterdam"}}')
    c.add("comments-bom", b"\xef\xbb\xbf// a comment\n{\n  /* block */ \"log\": {\"level\": \"debug\"}\n}\n")
    c.add("syntax-error", '{"school": {"name": "x",}}')
    c.add("wrong-types", json.dumps({"http": {"port": "8080", "public_url": "http://x", "admin_token": "plain"},
                                     "jobs": {"sync": {"at": "25:00"}, "nightly": {}},
                                     "plugins": {"Bad Name": {}, "smtp-main": {"plugin": "smtp", "sync": {"window": "22-06"}}},
                                     "admin": {"email": ["not-an-address"], "mailer": "none"},
                                     "outbox": {"backoff_base_seconds": 100, "backoff_max_seconds": 10}}))
    c.add("secrets", json.dumps({"http": {"admin_token": {"file": "/etc/lobsync/secrets/admin"}},
                                 "plugins": {"a": {"plugin": "smtp", "password": {"env": "LOBSYNC_SMTP_PASSWORD"}}}}))


# --- plugin_settings: first byte picks the plugin (byte % 8: caldav, dossier-files,
# dossier-webhook, magister, oneroster, smtp, somtoday, an output folder); the rest is the
# settings as in the plugins' READMEs and unit tests, good and broken.
def plugin_settings():
    c = Corpus("plugin_settings")
    seeds = {
        0: [{"collection_url": "https://dav.school.example/dav/calendars/{calendar}/lob/", "username": "lobsync",
             "password": {"file": "/etc/lobsync/secrets/caldav"}, "create_missing": True,
             "calendars": {"a/b": "http://127.0.0.1:5232/a/"}},
            {"colection_url": "http://dav.example/{calendar}/", "password": "S3CR3T-inline", "timeout_seconds": 0}],
        1: [{"folder": "/srv/share/lob-dossiers", "html": False, "school_timezone": "Europe/Brussels"},
            {"foldr": "x", "school_timezone": "Mars/Base"}],
        2: [{"url": "https://integratie.school.example/lob/dossier", "secret": {"file": "/etc/lobsync/s"}},
            {"url": "http://platform.example/in", "allow_plaintext": "yes", "secret": {"env": ""}, "max_attempts": 11}],
        3: [{"mode": "swp", "url": "https://school.swp.nl:8800/doc", "username": "lobsync",
             "password": {"env": "LOBSYNC_MAGISTER_PASSWORD"}, "layouts": {"parents": "ouders", "mentors": None},
             "columns": {"students": {"birth_date": "geboortedatum"}}},
            {"mode": "files", "folder": "/tmp", "files": {"students": "../x", "rooster": "r.csv", "parents": None},
             "encoding": "UTF8", "columns": {"students": {"student_number": None}, "klassen": {}}}],
        4: [{"path": "/tmp", "grade_years": "us", "encoding": "auto", "version": "1.2"},
            {"paht": "/nowhere", "grade_years": {"07": 1, "08": 9}, "middle_name": "drop"}],
        5: [{"host": "smtp.office365.com", "port": 587, "security": "starttls", "username": "planner@school.example",
             "password": {"file": "/etc/lobsync/secrets/smtp"}, "helo_name": "planner.school.example"},
            {"host": "127.0.0.1", "security": "none", "username": "u", "password": {"env": "X"}, "hots": 1}],
        6: [{"organisation": "0b0e3c1a-4f5e-4d7a-9c1b-2a3b4c5d6e7f", "client_id": "lobsync",
             "client_secret": {"file": "/etc/lobsync/secrets/somtoday"}, "vestigingen": [],
             "cancelled_afspraaktypes": ["Vervallen"]},
            {"organisation": "not-a-uuid", "page_size": 201, "vestigingen": ["x", 1], "api_url": "ftp://x"}],
        7: [{"folder": "/var/lib/lobsync/mail"}, {"folder": 7, "extra": True}, []],
    }
    for plugin, examples in seeds.items():
        for i, settings in enumerate(examples):
            c.add(f"plugin{plugin}-{i}", bytes([plugin]) + json.dumps(settings).encode())


# --- token: signed links (tests/unit/links/token_test.cpp). First byte even: a token as in a
# URL; odd: a payload signed by the target (key by byte / 2 % 2), then '\n' and the purpose.
def token():
    c = Corpus("token")
    key = b"\x5a" * 32

    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=")

    def signed(payload, secret):
        return b64(payload) + b"." + b64(hmac.new(secret, payload, hashlib.sha256).digest())

    payloads = [b'{"v":1,"k":3,"p":"booking","s":"m-1/school:p1","e":1800003600}',
                b'{"v":1,"k":3,"p":"feed","s":"staff:501"}',
                b'{"v":1,"k":7,"p":"record","s":"r-9/school:p2","e":1700000000}',
                b'{"v":2,"k":3,"p":"booking","s":"m-1/x"}']
    for i, p in enumerate(payloads):
        c.add(f"url-{i}", b"\x00" + signed(p, key))
        c.add(f"payload-{i}", b"\x01" + p + b"\nbooking")
    c.add("payload-other-key", b"\x03" + payloads[2] + b"\nrecord")
    c.add("malformed", b"\x00" + b"abc.def.ghi")
    c.add("padding", b"\x00" + b64(payloads[0]) + b"==.AAAA")


# --- oauth2_token: token endpoint answers (tests/unit/sdk_oauth2): first byte picks the status
# (byte % 5: 200, 400, 401, 429, 503), the rest is the body; Microsoft's and Google's shapes.
def oauth2_token():
    c = Corpus("oauth2_token")
    c.add("ok-microsoft", b"\x00" + json.dumps({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
                                                  "access_token": "eyJ0eXAi.eyJhdWQi.c2ln"}).encode())
    c.add("ok-google", b"\x00" + b'{"access_token":"ya29.c.b0Aaek","expires_in":3599,"token_type":"Bearer"}')
    c.add("ok-string-lifetime", b"\x00" + b'{"access_token":"a","expires_in":"3600"}')
    c.add("aadsts", b"\x02" + json.dumps({
        "error": "invalid_client",
        "error_description": "AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 1\r\nCorrelation ID: 2",
        "error_codes": [7000215], "trace_id": "1", "correlation_id": "2"}).encode())
    c.add("google", b"\x01" + b'{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method."}')
    c.add("busy", b"\x04" + b"Service Unavailable")
    c.add("no-token", b"\x00" + b'{"token_type":"mac","access_token":""}')


# --- microsoft365: Graph answers (tests/unit/microsoft365): first byte % 6 picks a
# scheduleInformation, an error body, a MIME message, an event search answer, a create answer,
# or a calendar.put request.
def microsoft365():
    c = Corpus("microsoft365")
    item = lambda status, s, e: {"status": status, "start": {"dateTime": s, "timeZone": "UTC"},
                                 "end": {"dateTime": e, "timeZone": "UTC"}}
    c.add("schedule", b"\x00" + json.dumps({"scheduleId": "a@school.test", "availabilityView": "0020",
        "scheduleItems": [item("busy", "2026-12-07T08:30:00.0000000", "2026-12-07T09:20:00.0000000"),
                          item("Tentative", "2026-12-11T23:00:00.0000000", "2026-12-12T01:00:00.0000000"),
                          item("free", "2026-12-08T08:00:00.0000000", "2026-12-08T09:00:00.0000000"),
                          {"status": "oof", "start": {"dateTime": "2026-12-09T08:00:00", "timeZone": "W. Europe Standard Time"},
                           "end": {"dateTime": "2026-12-09T09:00:00", "timeZone": "W. Europe Standard Time"}}]}).encode())
    c.add("schedule-error", b"\x00" + b'{"scheduleId":"b@school.test","error":{"message":"not found","responseCode":"ErrorMailboxNotFound"}}')
    c.add("error", b"\x01" + b'{"error":{"code":"ErrorAccessDenied","message":"Access is denied.","innerError":{"request-id":"x"}}}')
    c.add("mime", b"\x02" + b"From: a@school.test\r\nTo: b@example.test\r\nMessage-ID:\r\n <x@y>\r\nSubject: S\r\n\r\nbody\r\n")
    prop = "String {9c1d1a58-0852-4f45-98a0-e5e11a3db43b} Name lobsync-uid"
    c.add("event-search", b"\x03" + json.dumps({"value": [
        {"id": "AAMkEvent0001=", "singleValueExtendedProperties": [{"id": prop, "value": "m-1@school.test"}]},
        {"id": "AAMkEvent0002=", "singleValueExtendedProperties": [{"id": prop, "value": "M-1@SCHOOL.TEST"}]},
        {"id": "AAMkEvent0003="}],
        "@odata.nextLink": "https://graph.microsoft.com/v1.0/users/a@school.test/events?$skip=3"}).encode())
    c.add("event-created", b"\x04" + json.dumps({"id": "AAMkEvent0001=", "transactionId": "lobsync-1-0",
                                                  "subject": "S"}).encode())
    c.add("event-duplicate", b"\x04" + b'{"error":{"code":"ErrorDuplicateTransactionId","message":"used"}}')
    c.add("calendar-put", b"\x05" + json.dumps({"calendar": "a@school.test", "uid": "m-1@school.test", "ics": "",
        "event": {"uid": "m-1@school.test", "sequence": 1, "summary": "Gesprek", "description": "Tekst",
                  "location": "Lokaal 1", "start": "2027-01-12T14:00:00Z", "end": "2027-01-12T14:20:00Z",
                  "time_zone": "Europe/Amsterdam", "cancelled": False,
                  "attendees": [{"email": "a@school.test", "name": "A", "role": "required"},
                                {"email": "p@home.test", "name": "P", "role": "required"}]}},
        ensure_ascii=False).encode())


# --- google: Google answers and requests (tests/unit/google): first byte % 5 picks a freeBusy
# calendar, an error envelope, a Gmail answer, a uid, or a calendar.put event.
def google():
    c = Corpus("google")
    c.add("busy", b"\x00" + json.dumps({"busy": [{"start": "2026-12-07T08:30:00Z", "end": "2026-12-07T09:20:00Z"},
                                                 {"start": "2026-12-11T23:00:00+01:00", "end": "2026-12-12T01:00:00.000Z"},
                                                 {"start": "x", "end": 3}]}).encode())
    c.add("not-found", b"\x00" + b'{"errors":[{"domain":"global","reason":"notFound"}],"busy":[]}')
    c.add("error", b"\x01" + json.dumps({"error": {"code": 403, "message": "User Rate Limit Exceeded",
        "errors": [{"message": "User Rate Limit Exceeded", "domain": "usageLimits", "reason": "userRateLimitExceeded"}],
        "status": "PERMISSION_DENIED"}}).encode())
    c.add("sent", b"\x02" + b'{"id":"18c0000000000001","threadId":"18c0000000000001","labelIds":["SENT"]}')
    c.add("listed", b"\x02" + b'{"messages":[{"id":"18c1","threadId":"18c1"}],"resultSizeEstimate":1}')
    c.add("uid", b"\x03" + "m-91.2026-2027@school.test é".encode())
    c.add("event", b"\x04" + json.dumps({"uid": "m-91@school.test", "sequence": 1, "summary": "Loopbaangesprek",
        "start": "2027-01-12T14:00:00Z", "end": "2027-01-12T14:30:00Z", "time_zone": "Europe/Amsterdam",
        "cancelled": False, "attendees": [{"email": "mentor.a@school.test", "name": "A", "role": "chair"},
                                          {"email": "ouder@example.test", "role": "optional"}]}).encode())


# --- conversation_record: what mentors submit (tests/unit/records).
def conversation_record():
    c = Corpus("conversation_record")
    full = {"phases": {"look_back": "Zo\u00eb vertelde over haar stage.", "reflect": "", "look_forward": "Techniek?",
                       "act": "Open dag"},
            "competences": ["work_exploration", "networking"],
            "next_steps": [{"what": "Open dag bezoeken", "owner": "student", "due": "2026-11-15"},
                           {"what": "Bellen met de decaan", "owner": "parent"}],
            "attended": ["student", "parent", "mentor"], "home_assignment_discussed": True,
            "aandebak_discussed": True}
    c.add("full", json.dumps(full, ensure_ascii=False))
    c.add("minimal", '{"phases": {"act": "x"}}')
    c.add("wrong", json.dumps({"phases": {"look_back": 1, "extra": "y"}, "competences": ["networking", "networking", "x"],
                               "next_steps": [{"what": " ", "owner": "teacher", "due": "2026-02-30", "when": 1}, 3],
                               "attended": "all", "home_assignment_discussed": "yes", "aandebak_discussed": 0,
                               "unknown": None}))
    c.add("not-an-object", "[]")
    c.add("broken", '{"phases": {"act": "x"')


def short_lists():
    targets = {
        "request_target": ["/p/eyJ2IjoxfQ.c2ln", "/api/v1/students/J%C3%BCrgen?name=a+b%26c&x=1&x=2&flag",
                           "/api/v1/meetings/m-1/record?format=json", "/api/v1/mentors/501/call-list?days=7",
                           "/a/%2e%2e/b", "/a%2F..%2Fb", "/healthz", "/r/tok?lang=en&=&&", "*", "/a%zz"],
        "form": ["application/x-www-form-urlencoded; charset=UTF-8\naction=move&slot=1790000000&seq=2&note=a+b%26c%3D&&empty=",
                 "APPLICATION/X-WWW-FORM-URLENCODED\nanswer=Samen+gedaan%21", "text/plain\naction=sign&version=1",
                 "a=1&a=2", "=x", "a=%00", "note=Zo%C3%AB+%E2%82%AC"],
        "student_report": ["meeting=m-1&reflection=Ik+wil+de+zorg+in%0D%0Amet+mensen&activity1=+Open+dag+ROC+&activity2=&activity3=Stage",
                           "meeting=m-1&reflection=+++&activity1=Meeloopdag", "reflection=%FF%FE", "reflection=a%07b",
                           "reflection=ok&activity1=twee%0Aregels", "reflection=Zo%C3%AB+%E2%82%AC&activity6=%F0%9F%98%80",
                           "reflection=x&activity7=ignored", "reflection=" + "a" * 4001, "reflection=ok&activity1=" + "b" * 201],
        "retry_after": ["120", "0", " 3600\t", "Sun, 06 Nov 1994 08:49:37 GMT", "Wed, 21 Oct 2026 07:28:00 GMT",
                        "Fri, 31 Dec 9999 23:59:60 GMT", "99999999999999999999999", "-5", "1.5",
                        "Wed, 30 Feb 2026 07:28:00 GMT"],
        "bidi_text": ["Zo\u00eb de Vries", "Lokaal 2.14 (B-gebouw)", "\u2068Bram\u2069 \u0627\u0644\u0645\u0631\u0634\u062f",
                      "\u2068a \u2068b\u2069\u2069", "open \u2068only", "\u2069close only", "<b>&amp;\"'</b>",
                      "\u2066ltr\u2069 \u2067rtl\u2069", "\u202eevil\u202c", "\u2068", ""],
        "address": ["a.jansen@school.example", "2001@leerling.example", "zo\u00eb@voorbeeld.nl", "a(b)@x.nl",
                    "x@[127.0.0.1]", "user@localhost", "a..b@x.nl", "\u202eevil@x.nl", "a@b.c1", "\"quoted\"@x.nl",
                    "x@-bad-.nl", "o'brien+lob@school.example"],
    }
    for target, items in targets.items():
        c = Corpus(target)
        for i, item in enumerate(items):
            c.add(f"{i:02d}", item)


def mime_encoding():
    # Texts as invitations and digests hold them, and what the encoders treat specially: dots and
    # white space at line starts and ends, '=', every kind of line break, multi-byte characters,
    # a line longer than one encoded line, bytes that are not UTF-8.
    c = Corpus("mime_encoding")
    c.add("00", "Beste ouder,\n\nWe nodigen u uit.\n.punt\nspatie \n")
    c.add("01", "Zo\u00eb \u0639 \U0001f600 a=b;c,d\\e\r\nline\rend\t")
    c.add("02", "x" * 200)
    c.add("03", b"\xff\xfe\x00\x01caf\xe9")


if __name__ == "__main__":
    csv()
    oneroster()
    oneroster_zip()
    magister_csv()
    magister_swp()
    somtoday()
    somtoday_lessons()
    zermelo()
    record()
    ical()
    multistatus()
    config()
    plugin_settings()
    token()
    oauth2_token()
    microsoft365()
    google()
    conversation_record()
    short_lists()
    mime_encoding()
