"""Every /api/v1 route called for its success and for each error it documents. Each call names
the status it must get; api_client checks the answer against the document on top."""

import copy
import urllib.parse

from api_school import ADMIN_TOKEN

WRONG = "not-a-token-of-anyone-at-all"
NOT_BEARER = "Basic bWVudG9yOnNlY3JldA=="

MEETING = "/api/v1/meetings/{id}"
ATTENDANCE = "/api/v1/meetings/{id}/attendance"
RECORD = "/api/v1/meetings/{id}/record"
RECORDS = "/api/v1/students/{id}/records"
CALL_LIST = "/api/v1/mentors/{id}/call-list"
COVERAGE = "/api/v1/coverage"
DOCUMENT = "/api/v1/openapi.json"

GOOD_RECORD = {
    "phases": {"look_back": "We keken terug op de snuffelstage.", "reflect": "", "look_forward": "Open dagen.",
               "act": "Twee opleidingen bezoeken."},
    "competences": ["reflection_on_motives", "work_exploration"],
    "next_steps": [{"what": "Open dag bezoeken", "owner": "student", "due": "2027-03-28"},
                   {"what": "Meegaan naar de open dag", "owner": "parent"}],
    "attended": ["student", "parent", "mentor"],
    "home_assignment_discussed": True,
}


def changed(record, change):
    out = copy.deepcopy(record)
    change(out)
    return out


# Records the server must refuse with 422; the document's schema must refuse each as well.
INVALID_RECORDS = {
    "no phases": changed(GOOD_RECORD, lambda r: r.pop("phases")),
    "every phase blank": changed(GOOD_RECORD, lambda r: r.update(phases={"look_back": " \n", "act": ""})),
    "a phase too long": changed(GOOD_RECORD, lambda r: r["phases"].update(reflect="x" * 4001)),
    "a phase not a string": changed(GOOD_RECORD, lambda r: r["phases"].update(act=5)),
    "an unknown phase": changed(GOOD_RECORD, lambda r: r["phases"].update(dream="x")),
    "an unknown field": changed(GOOD_RECORD, lambda r: r.update(mood="good")),
    "an unknown competence": changed(GOOD_RECORD, lambda r: r.update(competences=["juggling"])),
    "a competence twice": changed(GOOD_RECORD, lambda r: r.update(competences=["networking", "networking"])),
    "a step without what": changed(GOOD_RECORD, lambda r: r["next_steps"][0].pop("what")),
    "a step's what too long": changed(GOOD_RECORD, lambda r: r["next_steps"][0].update(what="y" * 501)),
    "a step's owner unknown": changed(GOOD_RECORD, lambda r: r["next_steps"][1].update(owner="grandma")),
    "a step's due not a date": changed(GOOD_RECORD, lambda r: r["next_steps"][0].update(due="28-03-2027")),
    "a step's due not in the calendar": changed(GOOD_RECORD, lambda r: r["next_steps"][0].update(due="2027-02-30")),
    "too many steps": changed(GOOD_RECORD, lambda r: r.update(next_steps=[{"what": "a", "owner": "mentor"}] * 51)),
    "attended not a list": changed(GOOD_RECORD, lambda r: r.update(attended="student")),
    "discussed not a boolean": changed(GOOD_RECORD, lambda r: r.update(home_assignment_discussed="yes")),
    "AanDeBak answer not a boolean": changed(GOOD_RECORD, lambda r: r.update(aandebak_discussed="ja")),
}
# Records the server must accept; the schema too.
VALID_RECORDS = {
    "full": GOOD_RECORD,
    "with the AanDeBak answer": changed(GOOD_RECORD, lambda r: r.update(aandebak_discussed=False)),
    "one phase only, at its longest": {"phases": {"act": "é" * 4000}},
    "fifty steps": changed(GOOD_RECORD, lambda r: r.update(next_steps=[{"what": "b" * 500, "owner": "mentor"}] * 50)),
}


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def unauthorized_variants(api, method, template, params, cast, extra_bad=(), **kwargs):
    """401 without a token, with another scheme, an unknown and a revoked token, and `extra_bad`."""
    for token in (None, NOT_BEARER, WRONG, cast.revoked, *extra_bad):
        _, answer = api.call(method, template, 401, params=params, token=token, **kwargs)
        expect(answer.header("WWW-Authenticate") == 'Bearer realm="lobsync"', f"a challenge: {answer.headers}")


def submit_records(api, contract, cast):
    m = cast.minor_meeting
    token = cast.token(m["mentor"])
    # Not before the conversation: a record written in advance would count it as held.
    body, _ = api.call("POST", RECORD, 409, params={"id": m["id"]}, token=token, body=GOOD_RECORD)
    expect("not started" in body["error"], f"409 says why: {body}")
    for meeting in (m, cast.adult_meeting):
        cast.school.move_to_past(meeting["id"])
    for name, record in VALID_RECORDS.items():
        expect(not contract.request_errors(RECORD, "POST", record), f"the schema accepts the {name} record")
    for name, record in INVALID_RECORDS.items():
        expect(contract.request_errors(RECORD, "POST", record), f"the schema refuses a record with {name}")
        body, _ = api.call("POST", RECORD, 422, params={"id": m["id"]}, token=token, body=record)
        expect(body["errors"], f"422 for {name} names the fields")

    versions = []
    for name, record in VALID_RECORDS.items():
        body, answer = api.call("POST", RECORD, 201, params={"id": m["id"]}, token=token, body=record)
        versions.append(body["version"])
        location = f"/api/v1/students/{urllib.parse.quote(m['student'], safe='')}/records"
        expect(answer.header("Location") == location, f"Location {answer.header('Location')}, not {location}")
    expect(versions == list(range(1, len(VALID_RECORDS) + 1)), f"every submission a new version: {versions}")
    # The last version is the full record again, so the parents sign that one.
    body, _ = api.call("POST", RECORD, 201, params={"id": m["id"]}, token=token, body=GOOD_RECORD)
    cast.minor_record, cast.minor_version = body["id"], body["version"]
    a = cast.adult_meeting
    cast.adult_record = api.call("POST", RECORD, 201, params={"id": a["id"]}, token=cast.token(a["mentor"]),
                                 body=GOOD_RECORD)[0]["id"]


def record_errors(api, cast):
    m = cast.minor_meeting
    token = cast.token(m["mentor"])
    params = {"id": m["id"]}
    unauthorized_variants(api, "POST", RECORD, params, cast, extra_bad=(ADMIN_TOKEN,), body=GOOD_RECORD)
    api.call("POST", RECORD, 403, params=params, token=cast.token(cast.other_mentor), body=GOOD_RECORD)
    api.call("POST", RECORD, 404, params={"id": "no-such-meeting"}, token=token, body=GOOD_RECORD)
    c = cast.cancelled_meeting
    api.call("POST", RECORD, 409, params={"id": c["id"]}, token=cast.token(c["mentor"]), body=GOOD_RECORD)
    for raw in (b"", b"{", b'{"phases": }', b"[]", b'"text"', b'{"phases": {"act": 1e999}}', b"\xff\xfe"):
        body, _ = api.call("POST", RECORD, 400, params=params, token=token, raw=raw)
        expect("errors" in body, f"400 for {raw!r} carries the field errors: {body}")
    too_large = b'{"phases": {"act": "' + b"z" * (64 * 1024) + b'"}}'
    body, _ = api.call("POST", RECORD, 400, params=params, token=token, raw=too_large)
    expect("larger than" in body["errors"][0]["message"], f"the record's own limit: {body}")
    over_limit = b"{" + b" " * (1024 * 1024) + b"}"  # past http.body_limit_bytes (1 MiB by default)
    api.call("POST", RECORD, 413, params=params, token=token, raw=over_limit)
    body, _ = api.call("POST", RECORD, 400, target="/api/v1/meetings/%zz/record", token=token, raw=b"{}")
    expect("errors" not in body, f"a bad target is refused by the server, without field errors: {body}")


def meeting(api, cast):
    m = cast.assignment_meeting or cast.minor_meeting
    token = cast.token(m["mentor"])
    body, _ = api.call("GET", MEETING, 200, params={"id": m["id"]}, token=token)
    again, _ = api.call("GET", MEETING, 200, params={"id": m["id"]}, headers={"Authorization": f"bearer {token}"})
    expect(again == body, "the scheme's case does not matter (RFC 9110, 11.1)")
    expect(body["id"] == m["id"] and body["student"] == m["student"], f"the meeting asked for: {body}")
    if cast.assignment_meeting:
        expect(body["assignment"] and body["assignment"]["status"] == "done", f"the assignment is done: {body}")
    held, _ = api.call("GET", MEETING, 200, params={"id": cast.minor_meeting["id"]}, token=cast.token(cast.minor_meeting["mentor"]))
    expect(held["status"] == "held", f"a meeting with a record is held: {held}")
    unauthorized_variants(api, "GET", MEETING, {"id": m["id"]}, cast, extra_bad=(ADMIN_TOKEN,))
    api.call("GET", MEETING, 403, params={"id": m["id"]}, token=cast.token(cast.other_mentor_of(m)))
    api.call("GET", MEETING, 404, params={"id": "no-such-meeting"}, token=token)


def attendance(api, cast, school):
    """A meeting that has not started cannot be marked; once it has, a no-show makes it missed
    (the call list then names its family) and held is held."""
    m = cast.attendance_meeting
    token = cast.token(m["mentor"])
    params = {"id": m["id"]}
    api.call("POST", ATTENDANCE, 409, params=params, token=token, body={"outcome": "no_show"})
    school.move_to_past(m["id"])
    unauthorized_variants(api, "POST", ATTENDANCE, params, cast, extra_bad=(ADMIN_TOKEN,), body={"outcome": "held"})
    api.call("POST", ATTENDANCE, 403, params=params, token=cast.token(cast.other_mentor_of(m)), body={"outcome": "held"})
    api.call("POST", ATTENDANCE, 404, params={"id": "no-such-meeting"}, token=token, body={"outcome": "held"})
    for raw in (b"", b"[]", b"{"):
        api.call("POST", ATTENDANCE, 400, params=params, token=token, raw=raw)
    for bad in ({}, {"outcome": "late"}, {"outcome": 1}):
        api.call("POST", ATTENDANCE, 422, params=params, token=token, body=bad)
    missed, _ = api.call("POST", ATTENDANCE, 200, params=params, token=token, body={"outcome": "no_show"})
    expect(missed["status"] == "missed" and missed["sequence"] == m["sequence"] + 1, f"missed, a new version: {missed}")
    calls, _ = api.call("GET", CALL_LIST, 200, params={"id": m["mentor"]}, token=token)
    expect(any(e["meeting"] == m["id"] and "missed" in e["reasons"] for e in calls["entries"]),
           f"the family of the missed meeting is on the call list: {calls}")
    held, _ = api.call("POST", ATTENDANCE, 200, params=params, token=token, body={"outcome": "held"})
    expect(held["status"] == "held", f"held after all: {held}")
    c = cast.cancelled_meeting
    api.call("POST", ATTENDANCE, 409, params={"id": c["id"]}, token=cast.token(c["mentor"]), body={"outcome": "held"})


def student_records(api, cast):
    m = cast.minor_meeting
    params = {"id": m["student"]}
    body, _ = api.call("GET", RECORDS, 200, params=params, token=cast.token(m["mentor"]))
    expect([r["id"] for r in body["records"]] == [cast.minor_record], f"the student's one record: {body}")
    record = body["records"][0]
    # Each valid record of submit_records, then the full one again.
    expect(len(record["versions"]) == len(VALID_RECORDS) + 1, f"every version kept: {len(record['versions'])}")
    expect(record["sign_off"]["signed"] and record["sign_off"]["parent_views"], f"signed, with a view: {record['sign_off']}")
    admin, _ = api.call("GET", RECORDS, 200, params=params, token=ADMIN_TOKEN)
    expect(admin == body, "the admin token reads the same")
    adult, _ = api.call("GET", RECORDS, 200, params={"id": cast.adult_meeting["student"]}, token=ADMIN_TOKEN)
    expect(adult["records"] and "shared_with_parents" in adult["records"][0], f"an adult's record says so: {adult}")
    none, _ = api.call("GET", RECORDS, 200, params={"id": cast.other_student}, token=ADMIN_TOKEN)
    expect(none["records"] == [], f"a student without records: {none}")
    unauthorized_variants(api, "GET", RECORDS, params, cast)
    api.call("GET", RECORDS, 403, params=params, token=cast.token(cast.other_mentor_of(m)))
    api.call("GET", RECORDS, 403, params={"id": "demo-roster:nobody"}, token=cast.token(m["mentor"]))
    api.call("GET", RECORDS, 404, params={"id": "demo-roster:nobody"}, token=ADMIN_TOKEN)


def call_list(api, cast):
    mentor = cast.minor_meeting["mentor"]
    body, _ = api.call("GET", CALL_LIST, 200, params={"id": mentor}, token=cast.token(mentor))
    expect(body["mentor"] == mentor, f"the mentor's own list: {body}")
    cast.call_entries = len(body["entries"])
    unauthorized_variants(api, "GET", CALL_LIST, {"id": mentor}, cast, extra_bad=(ADMIN_TOKEN,))
    api.call("GET", CALL_LIST, 403, params={"id": cast.other_mentor}, token=cast.token(mentor))
    api.call("GET", CALL_LIST, 403, params={"id": "nobody"}, token=cast.token(mentor))


def coverage(api, cast):
    rows, _ = api.call("GET", COVERAGE, 200, token=ADMIN_TOKEN)
    expect(rows, "some students still miss a conversation")
    mentor = rows[0]["mentor"]
    mine, _ = api.call("GET", COVERAGE, 200, token=ADMIN_TOKEN, query={"mentor": mentor})
    expect(mine and all(r["mentor"] == mentor for r in mine), f"only {mentor}'s students")
    cls = rows[-1]["class"]
    of_class, _ = api.call("GET", COVERAGE, 200, token=ADMIN_TOKEN, query={"class": cls})
    expect(of_class and all(r["class"] == cls for r in of_class), f"only class {cls}")
    api.call("GET", COVERAGE, 200, headers={"Authorization": f"BEARER {ADMIN_TOKEN}"})
    nobody, _ = api.call("GET", COVERAGE, 200, token=ADMIN_TOKEN, query={"class": "no-such-class"})
    expect(nobody == [], "no rows for an unknown class")
    unauthorized_variants(api, "GET", COVERAGE, None, cast, extra_bad=(cast.token(mentor or cast.other_mentor),))


def without_admin_token(api, cast):
    """After a reload without http.admin_token: coverage is not there, the admin token is nobody."""
    api.call("GET", COVERAGE, 404, token=ADMIN_TOKEN)
    api.call("GET", RECORDS, 401, params={"id": cast.minor_meeting["student"]}, token=ADMIN_TOKEN)


def document(api, text):
    body, answer = api.call("GET", DOCUMENT, 200)
    expect(answer.body == text.encode("utf-8"), "the served document is openapi.json byte for byte")
    expect(answer.header("Content-Type") == "application/json", answer.header("Content-Type"))
    etag = answer.header("ETag")
    api.call("GET", DOCUMENT, 304, headers={"If-None-Match": etag})
    api.call("GET", DOCUMENT, 304, headers={"If-None-Match": f'W/{etag}, "other"'})
    api.call("GET", DOCUMENT, 200, headers={"If-None-Match": '"0000000000000000"'})
    head = api.send("HEAD", DOCUMENT)
    expect(head.status == 200 and head.body == b"" and head.header("Content-Length") == str(len(answer.body)),
           f"HEAD: the length of the document, no body: {head.headers}")
    return body
