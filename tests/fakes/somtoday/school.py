"""A generated school in Somtoday Connect's published shapes (OpenAPI 14.10.0), deterministic
for a seed. Null fields are omitted, as the API does. `summary()` tells tests what to expect."""

import datetime
import random
import uuid as uuidlib
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

GIVEN = ["Zoë", "Daan", "Sanne", "Mohammed", "Emma", "Liam", "Aylin", "Kacper", "Noor", "Sem",
         "Fleur", "Yusuf", "Julia", "Bram", "Lotte", "Ilias"]
FAMILY = [("van der", "Berg"), (None, "Özdemir"), (None, "Wiśniewska"), ("de", "Vries"),
          (None, "Jansen"), ("van", "Dijk"), (None, "El Amrani"), ("van den", "Heuvel"),
          (None, "Bakker"), (None, "Nguyen"), ("de", "Jong"), (None, "Visser")]
# (naam prefix, onderwijssoort as a school might name it, leerjaar)
GROUPS = [("H", "havo", 2), ("V", "atheneum", 3), ("B", "vmbo basisberoepsgerichte leerweg", 1),
          ("K", "vmbo kaderberoepsgerichte leerweg", 2), ("G", "vmbo gemengde leerweg", 3),
          ("T", "vmbo theoretische leerweg", 4), ("GY", "gymnasium", 5), ("ISK", "Internationale Schakelklas", 1),
          ("PR", "praktijkonderwijs", 2), ("X", "Bovenbouw mix", 4)]
LEVELS = {"havo": "havo", "atheneum": "vwo", "gymnasium": "vwo", "vmbo basisberoepsgerichte leerweg": "vmbo-bb",
          "vmbo kaderberoepsgerichte leerweg": "vmbo-kb", "vmbo gemengde leerweg": "vmbo-gl",
          "vmbo theoretische leerweg": "vmbo-tl", "Internationale Schakelklas": "isk",
          "praktijkonderwijs": "pro", "Bovenbouw mix": "other"}

# Lesgroepen of the first vestiging, for the timetable: (name, docenten as indexes into its staff
# list, lessons as (ISO weekday, "HH:MM", "HH:MM")). Staff 1 is the timetable teacher, staff 2 a
# colleague; staff 3 has no lesgroepen field (not released); the others teach nothing.
LESGROEPEN = [("h2bio", [1], [(1, "08:30", "09:20"), (3, "10:30", "11:20")]),
              ("h2ckv", [1, 2], [(4, "13:00", "13:50")]),
              ("v3ak", [2], [(2, "09:00", "09:50")])]
# Irregularities by (lesgroep name, ISO week, weekday): cancelled, or taught by a substitute.
CANCELLED = {("h2bio", 44, 3), ("h2bio", 13, 3)}
SUBSTITUTED = {("h2ckv", 43, 4)}  # the co-teacher (staff 1) is away: only staff 2 teaches

# Fixed roles so tests can find them (indexes into the student list).
SPOT, SIBLING_A, SIBLING_B, TWO_HOUSEHOLDS, ORG_GUARDIAN, ADULT, BAD_DATE, NO_FAMILY_NAME = range(8)


def clean(d):
    """Drops None values: the API omits null and unreleased fields."""
    return {k: v for k, v in d.items() if v is not None}


class School:
    def __init__(self, students=40, seed=1, vestigingen=1, year_start=2026):
        assert students >= 12, "the fixed roles need at least 12 students"
        rng = random.Random(seed)
        self.rng = rng
        new_uuid = lambda: str(uuidlib.UUID(int=rng.getrandbits(128), version=4))
        self.new_uuid = new_uuid
        current = (f"{year_start}-08-01", f"{year_start + 1}-07-31", f"{year_start}/{year_start + 1}")
        previous = (f"{year_start - 1}-08-01", f"{year_start}-07-31", f"{year_start - 1}/{year_start}")

        self.vestigingen = [clean({"uuid": new_uuid(), "naam": f"Stedelijk College {n}", "afkorting": f"SC{n}",
                                   "brins": [f"99XX0{n}"]}) for n in range(1, vestigingen + 1)]
        self.staff = {v["uuid"]: [] for v in self.vestigingen}
        self.groups = {v["uuid"]: [] for v in self.vestigingen}
        self.students = {v["uuid"]: [] for v in self.vestigingen}
        self.guardians = {}  # uuid -> record (relatie_tot_leerlingen spans vestigingen)
        self.expected = {"staff": 0, "groups": 0, "group_mentors": 0, "personal_mentors": 0}

        # Staff: one shared across all vestigingen (appears in every list), the rest local.
        shared = self._staff(new_uuid, 0, self.vestigingen[0]["uuid"])
        staff_id = 1
        for v in self.vestigingen:
            self.staff[v["uuid"]].append(dict(shared, vestiging={"uuid": v["uuid"]}))
            for _ in range(max(4, students // 8)):
                self.staff[v["uuid"]].append(self._staff(new_uuid, staff_id, v["uuid"]))
                staff_id += 1
        self.expected["staff"] = staff_id

        # Lesgroepen of the first vestiging, referenced from their teachers' records.
        first = self.vestigingen[0]["uuid"]
        self.lesgroepen = {v["uuid"]: [] for v in self.vestigingen}
        self.lessons = {}  # lesgroep uuid -> (name, lessons)
        for person in (p for staff in self.staff.values() for p in staff):
            person["lesgroepen"] = []
        del self.staff[first][3]["lesgroepen"]
        for name, teachers, lessons in LESGROEPEN:
            group = {"uuid": new_uuid(), "naam": name, "docenten": [self.staff[first][t]["uuid"] for t in teachers],
                     "leerjaar": 2, "schooljaar": current[2], "vestiging": {"uuid": first}}
            self.lesgroepen[first].append(group)
            self.lessons[group["uuid"]] = (name, teachers, lessons)
            for t in teachers:
                self.staff[first][t]["lesgroepen"].append({"uuid": group["uuid"], "naam": name, "vestiging": {"uuid": first}})
        self.year_start = year_start

        # Stamgroepen: one per GROUPS kind per vestiging, first mentor always, second mostly.
        for v in self.vestigingen:
            people = self.staff[v["uuid"]]
            for i, (prefix, soort, year) in enumerate(GROUPS):
                mentors = [{"medewerker_uuid": people[(2 * i) % len(people)]["uuid"], "toewijzing": "EersteMentorStamgroep"}]
                if i % 3 != 2:
                    mentors.append({"medewerker_uuid": people[(2 * i + 1) % len(people)]["uuid"],
                                    "toewijzing": "TweedeMentorStamgroep"})
                self.groups[v["uuid"]].append(clean({
                    "uuid": new_uuid(), "naam": f"{year}{prefix}1", "omschrijving": f"Groep {soort} {year}",
                    "leerjaar": year, "onderwijssoort": soort, "leerlingen": [], "mentoren": mentors}))
                self.expected["groups"] += 1
                self.expected["group_mentors"] += len(mentors)

        # Students, spread over vestigingen; siblings deliberately land in different ones.
        all_students = []
        for i in range(students):
            v = self.vestigingen[i % len(self.vestigingen)]["uuid"]
            group = self.groups[v][(i // len(self.vestigingen)) % len(GROUPS)]
            given = GIVEN[i % len(GIVEN)]
            prefix, family = FAMILY[i % len(FAMILY)]
            born = f"{year_start - 11 - group['leerjaar']}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            if i == ADULT:
                born = f"{year_start - 19}-05-01"
            if i == BAD_DATE:
                born = f"{year_start - 13}-02-30"
            mentors = [dict(m) for m in group["mentoren"]]
            if i % 4 == 0:
                mentors.append({"medewerker_uuid": self.staff[v][-1]["uuid"], "toewijzing": "Plaatsing"})
                self.expected["personal_mentors"] += 1
            placement = clean({"uuid": new_uuid(), "schooljaar": current[2], "startdatum": current[0],
                               "einddatum": current[1], "leerjaar": group["leerjaar"],
                               "stamgroep": {"uuid": group["uuid"], "naam": group["naam"],
                                             "leerjaar": group["leerjaar"], "onderwijssoort": group["onderwijssoort"]},
                               "mentoren": mentors})
            plaatsingen = [placement]
            if i % 3 == 1:  # last year's placement must not win
                plaatsingen.insert(0, clean({"uuid": new_uuid(), "schooljaar": previous[2], "startdatum": previous[0],
                                             "einddatum": previous[1], "leerjaar": max(1, group["leerjaar"] - 1),
                                             "stamgroep": {"uuid": new_uuid(), "naam": "oud"}, "mentoren": []}))
            s = clean({
                "uuid": new_uuid(), "leerlingnummer": 100000 + i, "roepnaam": given,
                "voornamen": given + " Maria", "voorletters": given[0], "voorvoegsel": prefix,
                "achternaam": None if i == NO_FAMILY_NAME else family, "geslacht": "ONBEKEND",
                "geboortedatum": born, "emailadres": None if i % 5 == 3 else f"leerling{100000 + i}@school.example",
                "mobielnummer": "0612345678", "BSN": f"99999{i:04d}",
                "adres": {"postcode": "1234AB", "huisnummer": str(i + 1), "straat": "Schoolstraat", "woonplaats": "Utrecht"},
                "vestiging": {"uuid": v, "naam": "x"}, "plaatsingen": plaatsingen, "verzorgers": [],
                "isActief": True})
            group["leerlingen"].append({"uuid": s["uuid"], "vestiging": {"uuid": v}})
            self.students[v].append(s)
            all_students.append(s)
        self.all_students = all_students

        # Families: the fixed roles first, then pairs of siblings and single children.
        self._family([SIBLING_A, SIBLING_B], [("M", "Moeder", "3511AA", "12", None), ("J", "Vader", "3511AA", "12", None)])
        self._family([TWO_HOUSEHOLDS], [("A", "Moeder", "3512BB", "4", "bis"), ("P", "Vader", "9711CC", "88", None)])
        self._family([ORG_GUARDIAN], [(None, "Voogd(instelling)", "3528BJ", "1", None)], organisation="Nidos")
        self._family([SPOT], [("F", "Moeder", "3513DD", "7", "A")], secret_address=True)
        self._family([ADULT], [("R", "Vader", "3514EE", "3", None)])
        self._family([BAD_DATE], [("T", "Moeder", "3515FF", "5", None)])
        i = 8
        while i < students:
            kids = [i, i + 1] if i % 3 == 0 and i + 1 < students else [i]
            self._family(kids, [("E", "Moeder", f"35{i:02d}GG", str(i), None), ("K", "Vader", f"35{i:02d}GG", str(i), None)])
            i += len(kids)

    def _staff(self, new_uuid, n, vestiging):
        prefix, family = FAMILY[(n + 3) % len(FAMILY)]
        return clean({"uuid": new_uuid(), "roepnaam": GIVEN[(n + 5) % len(GIVEN)], "voorletters": "AB",
                      "voorvoegsel": prefix, "achternaam": family, "afkorting": f"M{n:03d}", "bsn": "999990000",
                      "emailadres": f"medewerker{n}@school.example", "medewerkernummer": f"Medewerker {51000 + n}",
                      "werk_telefoonnummer": "0301234567", "vestiging": {"uuid": vestiging},
                      "hoofdvestiging": {"uuid": vestiging}, "is_docent": True})

    def _family(self, kids, parents, organisation=None, secret_address=False):
        for order, (initials, relation, postcode, number, addition) in enumerate(parents, start=1):
            kid_records = [self.all_students[k] for k in kids]
            g = clean({
                "uuid": self.new_uuid(), "voorletters": initials,
                "achternaam": organisation or kid_records[0].get("achternaam", "Onbekend"),
                "voorvoegsel": None if organisation else kid_records[0].get("voorvoegsel"),
                "emailadres": f"ouder{len(self.guardians)}@thuis.example", "telefoonnummer": f"06{len(self.guardians):08d}",
                "telefoonnummer_geheim": len(self.guardians) % 4 == 3 or None,
                "adres": clean({"postcode": postcode, "huisnummer": number, "huisnummer_toevoeging": addition,
                                "straat": "Thuisweg", "woonplaats": "Utrecht"}),
                "adres_geheim": secret_address or None,
                "relatie_tot_leerlingen": [{"uuid": k["uuid"], "relatiesoort": relation, "ouderlijk_gezag": organisation is None,
                                            "mag_post_ontvangen": True} for k in kid_records]})
            self.guardians[g["uuid"]] = g
            for k in kid_records:
                k["verzorgers"].append({"uuid": g["uuid"], "volgnummer": order})

    def guardians_of(self, vestiging):
        """Guardians with at least one student at this vestiging, as the per-vestiging API lists them."""
        mine = {s["uuid"] for s in self.students[vestiging]}
        out = []
        for g in self.guardians.values():
            here = [r["uuid"] for r in g["relatie_tot_leerlingen"] if r["uuid"] in mine]
            if here:
                out.append(dict(g, leerlingen_van_vestiging=here))
        return out

    def rooster(self, vestiging, lesgroep, week):
        """RoosterResponse of a lesgroep for an ISO week of this school year, or None when unknown."""
        if lesgroep not in self.lessons or not any(g["uuid"] == lesgroep for g in self.lesgroepen.get(vestiging, [])):
            return None
        year = self.year_start if week >= 31 else self.year_start + 1
        monday = datetime.date.fromisocalendar(year, week, 1)
        name, teachers, lessons = self.lessons[lesgroep]
        staff = self.staff[self.vestigingen[0]["uuid"]]
        afspraken = []
        for n, (weekday, start, end) in enumerate(lessons):
            day = monday + datetime.timedelta(days=weekday - 1)
            at = lambda hhmm: datetime.datetime.combine(day, datetime.time.fromisoformat(hhmm), AMSTERDAM)
            who = [2] if (name, week, weekday) in SUBSTITUTED else teachers
            afspraken.append({
                "id": week * 1000 + n, "titel": name, "afspraaktype": "Vervallen" if (name, week, weekday) in CANCELLED else "Les",
                "begintijd": at(start).isoformat(timespec="milliseconds"),
                "eindtijd": at(end).isoformat(timespec="milliseconds"), "locatie": "Lokaal 1.01", "lesuren": [n + 1],
                "medewerkers": [{"uuid": staff[t]["uuid"], "afkorting": staff[t]["afkorting"]} for t in who]})
        return {"rooster": {"weeknummer": week, "begindatum": monday.isoformat(),
                            "einddatum": (monday + datetime.timedelta(days=6)).isoformat(), "afspraken": afspraken}}

    def summary(self):
        """What a correct plugin should emit, and the fixed roles' ids (no expectations hidden in C++)."""
        s = self.all_students
        g = lambda k: [v["uuid"] for v in s[k]["verzorgers"]]
        valid = [x for x in s if "achternaam" in x]
        linked = [x for x in self.guardians.values() if any(r["uuid"] in {v["uuid"] for v in valid}
                                                             for r in x["relatie_tot_leerlingen"])]
        return {
            "vestigingen": [v["uuid"] for v in self.vestigingen],
            "locations": len(self.vestigingen), "students": len(valid), "guardians": len(linked),
            "staff": self.expected["staff"], "groups": self.expected["groups"],
            "mentors": self.expected["group_mentors"] + sum(
                1 for x in valid for m in x["plaatsingen"][-1]["mentoren"] if m["toewijzing"] == "Plaatsing"),
            "spot": s[SPOT], "siblings": [s[SIBLING_A]["uuid"], s[SIBLING_B]["uuid"]], "sibling_guardians": g(SIBLING_A),
            "two_households": s[TWO_HOUSEHOLDS]["uuid"], "two_households_guardians": g(TWO_HOUSEHOLDS),
            "org_student": s[ORG_GUARDIAN]["uuid"], "org_guardian": g(ORG_GUARDIAN)[0],
            "adult": s[ADULT]["uuid"], "bad_date": s[BAD_DATE]["uuid"], "no_family_name": s[NO_FAMILY_NAME]["leerlingnummer"],
            "first_group": self.groups[self.vestigingen[0]["uuid"]][0], "level_of": LEVELS,
            "secrets": {"bsn": [x["BSN"] for x in s]},
            "timetable_teacher": self.staff[self.vestigingen[0]["uuid"]][1]["uuid"],
            "colleague": self.staff[self.vestigingen[0]["uuid"]][2]["uuid"],
            "lesgroepen_hidden": self.staff[self.vestigingen[0]["uuid"]][3]["uuid"],
            "lesgroepen": {g["naam"]: g["uuid"] for g in self.lesgroepen[self.vestigingen[0]["uuid"]]},
        }
