#!/usr/bin/python3
"""The OpenAPI document (daemon/selfservice/openapi.json) checked against the real daemon:
`lobsync serve` on a copy of the demo school (tests/browser/demo_school.py), every /api/v1 route
called for its success and for every error it documents, each answer validated against the
document (python3-jsonschema, JSON Schema 2020-12). Then: the documented routes are the
daemon's routes, the served document is the file, and every documented answer was seen.
See tests/README.md ("API contract test").

Usage: openapi_test.py --lobsync BIN --plugin-dir DIR --source REPO
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
import traceback

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenarios  # noqa: E402
from api_client import Api, fill  # noqa: E402
from api_school import ApiSchool  # noqa: E402
from contract import Contract  # noqa: E402
from demo_school import today_in_amsterdam  # noqa: E402 (tests/browser, on the path by api_school)
from scenarios import expect  # noqa: E402

# Documented answers this test cannot bring about, each with the reason. Empty: every one is.
NOT_REACHABLE = {}


def first(items, what):
    for item in items:
        return item
    raise AssertionError(f"no {what} in the plan (the school year's last weeks?)")


class Cast:
    """Which meetings, students and mentors play which part, and the mentors' tokens."""

    def __init__(self, school):
        self.school = school
        self.tokens = {}
        now_ms = int(time.time() * 1000)
        adults = {f"demo-roster:{s}" for s in school.adults}
        meetings = school.meetings()
        self.meetings = {m["id"]: m for m in meetings}
        upcoming = [m for m in meetings if m["status"] == "planned" and m["start_ms"] > now_ms]
        mailed = lambda m, role: any(p["role"] == role and p.get("email") for p in m["participants"])  # noqa: E731
        # The earliest: the call list (60 days ahead) most likely has its mentor's meetings.
        self.minor_meeting = first((m for m in upcoming if m["student"] not in adults and mailed(m, "parent")),
                                   "upcoming meeting of a minor with a parent who has mail")
        self.adult_meeting = first((m for m in upcoming if m["student"] in adults and mailed(m, "student")),
                                   "upcoming meeting of an adult student who has mail")
        mentor = self.minor_meeting["mentor"]
        self.other_mentor = first((m["mentor"] for m in meetings if m["mentor"] != mentor), "second mentor")
        used = {self.minor_meeting["student"], self.adult_meeting["student"]}
        self.cancelled_meeting = first((m for m in upcoming if m["mentor"] == mentor and m["student"] not in used),
                                       "second upcoming meeting of the first mentor")
        used.add(self.cancelled_meeting["student"])
        self.other_student = first((m["student"] for m in upcoming if m["student"] not in used), "fourth student")
        self.used = used | {self.other_student}
        self.attendance_meeting = first((m for m in upcoming if m["student"] not in self.used), "fifth meeting")
        self.used.add(self.attendance_meeting["student"])
        self.assignment_meeting = None
        self.revoked = None
        self.minor_record = self.adult_record = self.minor_version = None
        self.call_entries = 0

    def token(self, mentor):
        if mentor not in self.tokens:
            self.tokens[mentor] = self.school.issue_token(mentor)
        return self.tokens[mentor]

    def other_mentor_of(self, meeting):
        return self.other_mentor if meeting["mentor"] != self.other_mentor else self.minor_meeting["mentor"]

    def revoke_one(self):
        """A token that worked and was revoked: a mentor of no meeting in the cast."""
        busy = {m["mentor"] for m in (self.minor_meeting, self.adult_meeting)} | {self.other_mentor}
        mentor = first((m["mentor"] for m in self.meetings.values() if m["mentor"] not in busy), "third mentor")
        self.revoked = self.school.issue_token(mentor)
        expect(self.school.revoke_tokens(mentor) >= 1, "the token is revoked")


def daemon_routes(source):
    """(METHOD, pattern) of every /api/v1 route in daemon/selfservice/routes.cpp; a pattern
    given as a constant (std::string(kOpenApiPath)) is looked up in the folder's headers."""
    folder = os.path.join(source, "daemon/selfservice")
    text = open(os.path.join(folder, "routes.cpp"), encoding="utf-8").read()
    constants = {}
    for name in os.listdir(folder):
        if name.endswith(".h"):
            for const, value in re.findall(r'(k\w+) = "([^"]+)"', open(os.path.join(folder, name)).read()):
                constants[const] = value
    routes = set()
    for method, literal, const in re.findall(r'router\.add\("(\w+)",\s*(?:"([^"]+)"|std::string\((k\w+)\))', text):
        pattern = literal or constants[const]
        if pattern.startswith("/api/"):
            routes.add((pattern, method))
    expect(routes, "routes.cpp still registers routes the way this test reads them")
    return routes


def check_routes(api, contract, source):
    documented = contract.operations()
    in_code = daemon_routes(source)
    expect(documented == in_code, f"documented but not in routes.cpp: {sorted(documented - in_code)}; "
                                  f"in routes.cpp but not documented: {sorted(in_code - documented)}")
    # The daemon itself: for a method a path does not have, the router answers 405 and lists in
    # Allow the methods it has (GET brings HEAD), which must be the documented ones.
    for template in contract.doc["paths"]:
        methods = {m for t, m in documented if t == template}
        answer = api.send("OPTIONS", fill(template, {"id": "x"}))
        expect(answer.status == 405, f"OPTIONS {template}: {answer!r} (a 404 means the daemon has no such path)")
        allowed = {m.strip() for m in (answer.header("Allow") or "").split(",")}
        expect(allowed == methods | ({"HEAD"} if "GET" in methods else set()),
               f"{template}: the daemon allows {sorted(allowed)}, the document has {sorted(methods)}")
        contract.check(template, sorted(methods)[0], answer)  # the documented default answer


def prepare(school, cast, api):
    """What the answers should show: a cancelled meeting, records signed by a parent, a home
    assignment done, a revoked token."""
    leaver = cast.cancelled_meeting["student"].split(":", 1)[1]
    school.student_leaves(leaver, today_in_amsterdam())
    expect(school.cli("sync")["status"] == "applied", "the leaver syncs")
    school.cli("plan")
    expect(school.meeting(cast.cancelled_meeting["id"])["status"] == "cancelled", "the leaver's meeting is cancelled")
    cast.revoke_one()
    scenarios.submit_records(api, api.contract, cast)
    before = school.last_mail_number()
    expect(school.cli("remind")["digests"] > 0, "digests are queued")
    expect(school.cli("dispatch")["failed"] == 0, "the digests are delivered")
    signed = False
    for link in school.links("r", before):
        if link.subject_id == cast.minor_record and not signed:
            for fields in ({"action": "sign", "version": cast.minor_version},
                           {"action": "view", "version": cast.minor_version, "text": "Wij helpen mee."}):
                expect(api.form(link.url, fields) == 200, f"the parent's {fields['action']} is taken")
            signed = True
    expect(signed, "a digest carries the parent's link to the record")
    for link in school.links("a", before):
        m = cast.meetings.get(link.subject_id)
        if m and m["student"] not in cast.used and m["status"] == "planned":
            expect(api.form(link.url, {"answer": "Drie beroepen besproken."}) == 200, "the assignment is marked done")
            cast.assignment_meeting = m
            break


def run(args, work):
    text = open(os.path.join(args.source, "daemon/selfservice/openapi.json"), encoding="utf-8").read()
    contract = Contract(text)
    contract.check_document()
    school = ApiSchool(args.lobsync, args.plugin_dir, args.source, work)
    try:
        school.start(assignment_days=60)
        expect(school.cli("sync")["status"] == "applied", "the demo roster syncs")
        expect(school.cli("plan")["planned"] > 0, "something to plan on this date")
        expect(school.cli("dispatch")["failed"] == 0, "the invitations are delivered")
        api = Api(school.port, contract)
        cast = Cast(school)

        scenarios.document(api, text)
        check_routes(api, contract, args.source)
        prepare(school, cast, api)
        scenarios.record_errors(api, cast)
        scenarios.meeting(api, cast)
        scenarios.student_records(api, cast)
        scenarios.call_list(api, cast)
        scenarios.attendance(api, cast, school)
        scenarios.coverage(api, cast)
        school.reload_without_admin_token()
        scenarios.without_admin_token(api, cast)

        missing = contract.responses() - contract.seen - set(NOT_REACHABLE)
        expect(not missing, "documented answers never seen: " + ", ".join(f"{m} {t} {s}" for t, m, s in sorted(missing)))
        print(f"{len(contract.seen)} documented answers seen, {len(NOT_REACHABLE)} not reachable; "
              f"call list entries: {cast.call_entries}; assignment done: {cast.assignment_meeting is not None}")
    except BaseException:
        print("--- lobsync serve (last lines) ---\n" + open(os.path.join(work, "serve.log")).read()[-4000:],
              file=sys.stderr)
        raise
    finally:
        school.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lobsync", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    for name in ("lobsync", "plugin_dir", "source"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    work = tempfile.mkdtemp(prefix="lobsync-api-")
    try:
        run(args, work)
    except Exception:
        traceback.print_exc()
        print(f"FAILED (scratch folder kept: {work})")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
