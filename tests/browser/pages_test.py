#!/usr/bin/python3
"""Every self-service page clicked through in a real browser (Debian's chromium, headless), on a
phone (375x800) and on a desktop (1280x800), against `lobsync serve` on a copy of the demo school
whose mail goes through the smtp plugin to a real aiosmtpd server. Links come from the mails that
server received. See tests/README.md ("Browser tests").

Usage: pages_test.py --lobsync BIN --plugin-dir DIR --source REPO --screenshots DIR
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import adult_flows  # noqa: E402
import booking_flows  # noqa: E402
import record_flows  # noqa: E402
import student_flows  # noqa: E402
from browser import Browser  # noqa: E402
from check import expect  # noqa: E402
from demo_school import DemoSchool, today_in_amsterdam  # noqa: E402

WIDTHS = (375, 1280)
# The school's look from the config: an accent colour (8.9:1 on white) and an SVG logo.
ACCENT, ACCENT_CSS = "#7a1f5c", "rgb(122, 31, 92)"
LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48">'
            '<rect width="96" height="48" rx="8" fill="#7a1f5c"/><circle cx="24" cy="24" r="14" fill="#fff"/></svg>')


def with_mailed_parent(meeting):
    return any(p["role"] == "parent" and p.get("email") for p in meeting["participants"])


class Cast:
    """Which meetings play which part: every flow gets students of its own, so no flow sees
    another's changes."""

    def __init__(self, school):
        self.school = school
        self.used_students = set()
        self.now_ms = int(time.time() * 1000)
        self.meetings = {m["id"]: m for m in school.meetings()}
        self.adult_keys = {f"demo-roster:{s}" for s in school.adults}

    def take(self, meeting):
        self.used_students.add(meeting["student"])
        return meeting

    def free(self, meeting):
        return (meeting["student"] not in self.used_students and meeting["status"] == "planned"
                and meeting["start_ms"] > self.now_ms)

    def parent_links(self, links):
        """Booking links to parents of minors' meetings, one per meeting."""
        seen, out = set(), []
        for link in links:
            m = self.meetings.get(link.subject_id)
            if m and link.subject_id not in seen and m["student"] not in self.adult_keys and self.free(m):
                if any(p["key"] == link.participant and p["role"] == "parent" for p in m["participants"]):
                    seen.add(link.subject_id)
                    out.append(link)
        return out

    def booking_link(self, links):
        for link in self.parent_links(links):
            self.take(self.meetings[link.subject_id])
            return link
        raise AssertionError("no planned meeting left with a parent's booking link")

    def race(self, b, links):
        """Two parents of the same mentor's meetings whose pages offer a time in common."""
        by_mentor = {}
        for link in self.parent_links(links):
            by_mentor.setdefault(self.meetings[link.subject_id]["mentor"], []).append(link)
        for candidates in by_mentor.values():
            for i, loser in enumerate(candidates):
                for winner in candidates[i + 1:]:
                    slot = booking_flows.common_time(b, loser, winner)
                    if slot:
                        self.take(self.meetings[loser.subject_id])
                        self.take(self.meetings[winner.subject_id])
                        return loser, winner, slot
        raise AssertionError("no two meetings of one mentor offer a time in common")

    def record_meeting(self, adult):
        # A minor's record in a conversation that asks about the AanDeBak-garantie where the
        # plan has one left, so the form's question is clicked too.
        ordered = sorted(self.meetings.values(),
                         key=lambda m: adult or m["type"] not in self.school.AANDEBAK_TYPES)
        for m in ordered:
            if not self.free(m):
                continue
            if adult and m["student"] in self.adult_keys and any(p["role"] == "student" and p.get("email")
                                                                for p in m["participants"]):
                return self.take(m)
            if not adult and m["student"] not in self.adult_keys and with_mailed_parent(m):
                return self.take(m)
        raise AssertionError(f"no meeting for an {'adult' if adult else 'minor'} student's record")


def static_files(b, school):
    """The logo and the stylesheet in the school's colour: public, cacheable under addresses that
    carry their content's hash; the SVG as an image only."""
    b.open(school.links("p")[0].url)
    logo, sheet = b.driver.execute_script(
        "return [document.querySelector('header.site img').src, document.querySelector('link[rel=stylesheet]').href]")
    with urllib.request.urlopen(logo) as answer:
        expect(answer.headers["Content-Type"] == "image/svg+xml", f"the logo is an SVG: {answer.headers}")
        expect("immutable" in answer.headers["Cache-Control"], f"the logo is cached: {answer.headers['Cache-Control']}")
        expect("sandbox" in answer.headers["Content-Security-Policy"] and "script" not in answer.headers["Content-Security-Policy"],
               f"the SVG runs nothing: {answer.headers['Content-Security-Policy']}")
        expect(answer.read().decode() == LOGO_SVG, "the logo as configured")
    with urllib.request.urlopen(sheet) as answer:
        expect("max-age" in answer.headers["Cache-Control"], "the stylesheet is cached")
        expect(ACCENT in answer.read().decode(), "the stylesheet is in the school's colour")
    expect("?v=" in sheet, f"the stylesheet's address carries its version: {sheet}")
    wrong = logo.rsplit("/", 1)[0] + "/logo-0000000000000000.svg"
    try:
        urllib.request.urlopen(wrong)
        raise AssertionError(f"an old logo address is not served: {wrong}")
    except urllib.error.HTTPError as e:
        expect(e.code == 404, f"an old logo address is 404, not {e.code}")


def run(args, work):
    with open(os.path.join(work, "logo.svg"), "w") as f:
        f.write(LOGO_SVG)
    school = DemoSchool(args.lobsync, args.plugin_dir, args.source, work,
                        look={"logo_file": "logo.svg", "accent_colour": ACCENT})
    b = None
    started = time.monotonic()

    def progress(what):
        print(f"{time.monotonic() - started:5.1f} s  {what}", flush=True)

    try:
        # 60 days: the largest days_before; home assignments then go out for the coming weeks.
        school.start(assignment_days=60)
        sync = school.cli("sync")
        expect(sync["status"] == "applied", f"the demo roster syncs: {sync}")
        plan = school.cli("plan")
        expect(plan["planned"] > 0, f"something to plan on this date (the school year's last weeks?): {plan}")
        expect(school.cli("dispatch")["failed"] == 0, "the invitations are delivered")
        invitations = school.links("p")
        expect(invitations, "the invitations carry booking links")
        questions = school.links("q")
        expect(len(questions) >= len(WIDTHS), f"the adult students are asked about their parents: {questions}")
        cast = Cast(school)
        progress("synced, planned, invitations and questions delivered")

        b = Browser(args.screenshots, school.school_name, accent=ACCENT_CSS, logo=True)
        progress("browser started")
        static_files(b, school)
        records = {}
        for width in WIDTHS:
            b.use_width(width)
            booking_flows.confirm(b, school, cast.booking_link(invitations))
            booking_flows.move(b, school, cast.booking_link(invitations))
            booking_flows.lose_race(b, school, *cast.race(b, invitations))
            booking_flows.invalid(b, school, invitations[0])
            booking_flows.switch_language(b, school, cast.booking_link(invitations))
            booking_flows.arabic(b, school, cast.booking_link(invitations), also_narrowest=320 if width < 800 else None)
            booking_flows.interpreter(b, school, cast.booking_link(invitations))
            for adult in (False, True):
                meeting = cast.record_meeting(adult)
                look_back = f"We keken terug op de snuffelstage ({width}, {'volwassen' if adult else 'minderjarig'})."
                record_id = record_flows.record_form(b, school, meeting["id"], look_back, with_mistakes=not adult)
                records[(width, adult)] = (record_id, look_back)
            record_flows.mark_no_show(b, school, cast.record_meeting(False)["id"])
            adult_flows.student_decides(b, school, questions[WIDTHS.index(width)])
            progress(f"{width} px: booking pages and record forms")

        # The day's digests: the records to sign (parents), to share (adult students) and the
        # home assignments of the coming weeks.
        before = school.last_mail_number()
        remind = school.cli("remind")
        expect(remind["digests"] > 0, f"digests are queued: {remind}")
        expect(school.cli("dispatch")["failed"] == 0, "the digests are delivered")
        record_links, assignment_links = school.links("r", before), school.links("a", before)
        student_links = school.links("s", before)
        progress("digests delivered")
        for width in WIDTHS:
            b.use_width(width)
            for adult in (False, True):
                record_id, look_back = records[(width, adult)]
                link = next((l for l in record_links if l.subject_id == record_id), None)
                expect(link, f"a digest carries the link to record {record_id}")
                if adult:
                    record_flows.adult_student_decides(b, school, link, look_back)
                else:
                    record_flows.parent_signs(b, school, link, look_back)
                    # The student writes their own report; the parent signs it on the same page.
                    meeting_id = school.query("SELECT meeting FROM records WHERE id = ?", record_id)[0]["meeting"]
                    student = school.meeting(meeting_id)["student"]
                    own = next((l for l in student_links if l.subject_id == student), None)
                    expect(own, f"a digest carries the student's own link ({len(student_links)} found)")
                    reflection = f"De snuffelstage liet zien dat ik graag met mensen werk ({width} px)."
                    student_flows.student_writes(b, school, own, meeting_id, reflection)
                    student_flows.parent_signs_report(b, school, link, meeting_id, reflection)
                    student_flows.student_sees_signature(b, own)
            role = "parent" if width == WIDTHS[0] else "student"
            link = next((l for l in assignment_links if cast.free(cast.meetings[l.subject_id])
                         and any(p["key"] == l.participant and p["role"] == role
                                 for p in cast.meetings[l.subject_id]["participants"])), None)
            expect(link, f"a digest carries a home assignment link for a {role}")
            cast.take(cast.meetings[link.subject_id])
            record_flows.assignment(b, school, link, role)
            progress(f"{width} px: record sign-off, the student's report and home assignment pages")

        # A student leaves the school: the SIS ends the enrollment, the next sync and plan cancel
        # the meeting, and the parent's link from the invitation says so.
        leaving = {width: cast.booking_link(invitations) for width in WIDTHS}
        for link in leaving.values():
            student = cast.meetings[link.subject_id]["student"].split(":", 1)[1]
            school.student_leaves(student, today_in_amsterdam())
        expect(school.cli("sync")["status"] == "applied", "the enrollments' end syncs")
        school.cli("plan")
        progress("a student left")
        for width in WIDTHS:
            b.use_width(width)
            booking_flows.cancelled(b, school, leaving[width])
        progress(f"{len(set(b.screenshots))} screenshots in {args.screenshots}")
    except BaseException:
        if b is not None:
            try:
                b.screenshot("FAILED")
                print(f"the page at the failure: {os.path.join(args.screenshots, f'FAILED-{b.width}.png')}")
            except Exception:
                pass
        print("--- lobsync serve (last lines) ---\n" + open(os.path.join(work, "serve.log")).read()[-4000:],
              file=sys.stderr)
        raise
    finally:
        if b is not None:
            b.quit()
        school.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lobsync", required=True)
    parser.add_argument("--plugin-dir", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    for name in ("lobsync", "plugin_dir", "source", "screenshots"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    shutil.rmtree(args.screenshots, ignore_errors=True)
    work = tempfile.mkdtemp(prefix="lobsync-browser-")
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
