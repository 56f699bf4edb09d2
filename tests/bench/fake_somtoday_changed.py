#!/usr/bin/python3
"""tests/fakes/somtoday/fake_somtoday.py serving its generated school with about P% of the
students changed, for the benchmark's "1% changed" re-sync. Standard library only.

  fake_somtoday_changed.py --change-percent 1 [every option of fake_somtoday.py]

The school is the fake's own (same --students/--seed/--vestigingen), then, with a fixed random
seed: a tenth of the picked students leave (removed from every list and from their guardians'
relations; guardians left without students disappear), the other picked students alternately
move to another stamgroep of their vestiging (current plaatsing) or get a new e-mail address.
"""

import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes", "somtoday"))

import fake_somtoday  # noqa: E402
import school as school_module  # noqa: E402


def pop_percent(argv):
    percent = 0.0
    out = []
    it = iter(argv)
    for a in it:
        if a == "--change-percent":
            percent = float(next(it))
        elif a.startswith("--change-percent="):
            percent = float(a.split("=", 1)[1])
        else:
            out.append(a)
    return percent, out


PERCENT, sys.argv[1:] = pop_percent(sys.argv[1:])


class ChangedSchool(school_module.School):
    def __init__(self, students=40, seed=1, vestigingen=1, year_start=2026):
        super().__init__(students, seed, vestigingen, year_start)
        rng = random.Random(seed * 104729 + 7)
        everyone = self.all_students
        n = max(1, round(len(everyone) * PERCENT / 100)) if PERCENT else 0
        # Leave the fixed roles (the first 8) alone.
        picked = rng.sample(range(8, len(everyone)), min(n, len(everyone) - 8)) if n else []
        leavers = set()
        for i, idx in enumerate(picked):
            s = everyone[idx]
            if i < max(1, n // 10):
                leavers.add(s["uuid"])
            elif i % 2 == 0:
                v = s["vestiging"]["uuid"]
                current = s["plaatsingen"][-1]
                others = [g for g in self.groups[v] if g["uuid"] != current["stamgroep"]["uuid"]]
                g = rng.choice(others)
                for old in self.groups[v]:
                    old["leerlingen"] = [x for x in old["leerlingen"] if x["uuid"] != s["uuid"]]
                g["leerlingen"].append({"uuid": s["uuid"], "vestiging": {"uuid": v}})
                current["stamgroep"] = {"uuid": g["uuid"], "naam": g["naam"], "leerjaar": g["leerjaar"],
                                        "onderwijssoort": g["onderwijssoort"]}
                current["leerjaar"] = g["leerjaar"]
            else:
                s["emailadres"] = f"nieuw.{s['leerlingnummer']}@school.example"
        if leavers:
            for v in self.students:
                self.students[v] = [s for s in self.students[v] if s["uuid"] not in leavers]
            for v in self.groups:
                for g in self.groups[v]:
                    g["leerlingen"] = [x for x in g["leerlingen"] if x["uuid"] not in leavers]
            for gid in list(self.guardians):
                g = self.guardians[gid]
                g["relatie_tot_leerlingen"] = [r for r in g["relatie_tot_leerlingen"] if r["uuid"] not in leavers]
                if not g["relatie_tot_leerlingen"]:
                    del self.guardians[gid]
            self.all_students = [s for s in self.all_students if s["uuid"] not in leavers]


fake_somtoday.School = ChangedSchool

if __name__ == "__main__":
    fake_somtoday.main()
