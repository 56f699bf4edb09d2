"""A generated Zermelo timetable in the shapes of the portal's API v3 (/appointments), for the
zermelo plugin's tests; deterministic. Times are Europe/Amsterdam wall clock, stored as UTC Unix
seconds as Zermelo sends them. Teachers: "jan" and "vri" teach every weekday; "bak" exists but
teaches nothing. `IRREGULAR` lists the changes the tests look for, in weeks 43-44 of 2026 (summer
time ends on Sunday 25 October)."""

import datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TEACHERS = ["jan", "vri", "bak"]
# (teachers, "HH:MM" start, "HH:MM" end, subject) every weekday.
DAILY = [(["jan"], "08:30", "09:20", "ne"), (["jan"], "10:30", "11:20", "ne"), (["jan"], "13:00", "13:50", "lob"),
         (["vri"], "09:20", "10:10", "en"), (["vri"], "11:20", "12:10", "en"), (["vri"], "13:50", "14:40", "en")]
# Thursdays: a lesson two teachers give together.
THURSDAY = [(["jan", "vri"], "14:40", "15:30", "ckv")]


def unix(day, hhmm):
    h, m = map(int, hhmm.split(":"))
    local = datetime.datetime(day.year, day.month, day.day, h, m, tzinfo=AMSTERDAM)
    return int(local.timestamp())


class Timetable:
    def __init__(self, first, last):
        self.appointments = []
        self.next_id = 1
        day = first
        while day <= last:
            if day.weekday() < 5:
                for teachers, start, end, subject in DAILY + (THURSDAY if day.weekday() == 3 else []):
                    self.add(day, start, end, teachers, subject)
            day += datetime.timedelta(days=1)
        self.irregular()

    def add(self, day, start, end, teachers, subject, type_="lesson", **flags):
        a = {"id": self.next_id, "appointmentInstance": self.next_id, "start": unix(day, start), "end": unix(day, end),
             "startTimeSlot": None, "type": type_, "subjects": [subject], "teachers": list(teachers),
             "groups": ["2h1"], "locations": ["101"], "valid": True, "cancelled": False, "modified": False,
             "moved": False, "new": False, "hidden": False, "changeDescription": ""}
        a.update(flags)
        self.next_id += 1
        self.appointments.append(a)
        return a

    def find(self, day, start, teacher):
        for a in self.appointments:
            if a["start"] == unix(day, start) and teacher in a["teachers"] and a["valid"]:
                return a
        raise KeyError((day, start, teacher))

    def irregular(self):
        """Changes as the portal records them: a new version per change, the old one valid=false."""
        d = datetime.date
        if not self.appointments or not (self.appointments[0]["start"] <= unix(d(2026, 10, 19), "08:30") <= self.appointments[-1]["start"]):
            return
        # Wednesday 28 October (CET): jan's 10:30 lesson is cancelled.
        cancelled = self.find(d(2026, 10, 28), "10:30", "jan")
        cancelled.update(cancelled=True, modified=True, changeDescription="Les vervalt")
        # Tuesday 20 October (CEST): jan's 08:30 lesson moves to 15:00.
        moved = self.find(d(2026, 10, 20), "08:30", "jan")
        moved["valid"] = False
        self.add(d(2026, 10, 20), "15:00", "15:50", ["jan"], "ne", moved=True,
                 appointmentInstance=moved["appointmentInstance"], changeDescription="Verplaatst")
        # Friday 23 October: a choice slot (keuzeuur) does not make jan busy.
        self.add(d(2026, 10, 23), "14:00", "14:50", ["jan"], "kuu", type_="choice")
        # Monday 26 October (CET): an exam jan supervises.
        self.add(d(2026, 10, 26), "14:00", "16:00", ["jan"], "ne", type_="exam")
        # Thursday 22 October: vri gives the shared lesson alone (jan is replaced).
        shared = self.find(d(2026, 10, 22), "14:40", "jan")
        shared["valid"] = False
        self.add(d(2026, 10, 22), "14:40", "15:30", ["vri"], "ckv", modified=True,
                 appointmentInstance=shared["appointmentInstance"], changeDescription="Docent gewijzigd")

    def of_teachers(self, codes):
        return [a for a in self.appointments if set(a["teachers"]) & set(codes)]
