#!/usr/bin/python3
"""Generates a fictional Dutch school board as a roster export, deterministic for a seed.

  generate_school.py --students 50000 --seed 1 --format oneroster --out DIR
  generate_school.py --students 50000 --base-seed 1 --seed 2 --change-percent 1 --format magister --out DIR

The school: several locations (vestigingen), years 1-6 with Dutch levels (vmbo-bb/kb/gl/tl,
havo, vwo, isk, pro), homeroom classes of about --class-size students each with a first and
(mostly) a second mentor, staff about students/12, guardians about 1.7 per student (siblings
share them; about 15% of students have parents in two households, some with a step-parent; a
few have a guardian organisation or no guardian), names with diacritics and tussenvoegsels,
some students of 18 and over.

--change-percent P: the school of --base-seed, then changes drawn with --seed touching about P%
of the students: class changes, new e-mail addresses, a few leavers and arrivals (with new
guardians). The same (base-seed, seed, P) always gives the same files.

Formats (written file by file, row by row):
  oneroster  OneRoster 1.1 CSV bulk folder: manifest.csv, orgs.csv, classes.csv, users.csv,
             enrollments.csv, demographics.csv (UTF-8, no BOM, ',' separated) as
             plugins/oneroster reads it; grades are US codes 07-12 (grade_years "us") or, with
             --grades leerjaar, 1-6.
  magister   the magister plugin's files mode with its default column names: leerlingen.csv,
             personeel.csv, ouders.csv, mentoren.csv (';' separated, UTF-8 with BOM, CRLF).
Standard library only.
"""

import argparse
import csv
import os
import random
import sys
import unicodedata
import uuid as uuidlib

SCHOOL_YEAR = 2026  # school year 2026/2027
BEGIN = f"{SCHOOL_YEAR}-08-24"
END = f"{SCHOOL_YEAR + 1}-07-31"

GIVEN_GIRLS = ["Zoë", "Sanne", "Emma", "Aylin", "Noor", "Fleur", "Julia", "Lotte", "Chloë", "Anaïs",
               "Renée", "Łucja", "Eliška", "Şeyma", "Fatima", "Sara", "Mila", "Yasmina", "Iris", "Tess",
               "Maud", "Nina", "Hanna", "Liv", "Saar", "Amira", "Oksana", "Zeynep", "Jasmijn", "Lieke"]
GIVEN_BOYS = ["Daan", "Mohammed", "Liam", "Kacper", "Sem", "Yusuf", "Bram", "Ilias", "Björn", "Sören",
              "Ömer", "Maël", "Jesse", "Thijs", "Noah", "Lucas", "Finn", "Adam", "Milan", "Luuk",
              "Ruben", "Stijn", "Mehmet", "Bilal", "Jakub", "Dmytro", "Tigist", "Jurriën", "Gijs", "Niels"]
FAMILY = [("van der", "Berg"), (None, "Özdemir"), (None, "Wiśniewska"), (None, "Müller"), ("de", "Vries"),
          (None, "Jansen"), ("van", "Dijk"), (None, "El Amrani"), ("van den", "Heuvel"), (None, "Bakker"),
          (None, "Nguyen"), ("de", "Jong"), (None, "Visser"), (None, "Şahin"), (None, "Kowalczyk"),
          ("van 't", "Hof"), (None, "Yılmaz"), (None, "Ramdin"), ("ter", "Horst"), (None, "Smit"),
          (None, "Mulder"), ("de", "Boer"), (None, "Bouzid"), (None, "Janssen"), (None, "Peeters"),
          (None, "Dąbrowski"), (None, "Hoekstra"), ("van", "Leeuwen"), (None, "Çelik"), (None, "Kovačević"),
          (None, "Ødegaard"), ("van der", "Meer"), (None, "Haddou"), (None, "Tesfay"), (None, "Schröder"),
          ("de", "Groot"), (None, "Brouwer"), ("van", "Beek"), (None, "Kaya"), (None, "Koç")]
PLACES = ["Noord", "Zuid", "Oost", "West", "Centrum", "Overvecht", "Leidsche Rijn", "Zuilen", "Lunetten",
          "Vleuten", "Kanaleneiland", "Tuindorp"]
ORGANISATIONS = ["Nidos", "Jeugdbescherming Regio Utrecht", "William Schrikker Stichting"]

# level -> (years it runs in, class-name letter, weight, Magister "Studie" texts)
LEVELS = {
    "vmbo-bb": ((1, 2, 3, 4), "B", 8, ["vmbo basis", "basisberoepsgerichte leerweg"]),
    "vmbo-kb": ((1, 2, 3, 4), "K", 10, ["vmbo kader", "kaderberoepsgerichte leerweg"]),
    "vmbo-gl": ((3, 4), "G", 5, ["vmbo gemengde leerweg"]),
    "vmbo-tl": ((1, 2, 3, 4), "T", 14, ["mavo", "vmbo theoretische leerweg"]),
    "havo": ((1, 2, 3, 4, 5), "H", 24, ["havo"]),
    "vwo": ((1, 2, 3, 4, 5, 6), "V", 22, ["atheneum", "gymnasium", "vwo"]),
    "isk": ((1, 2), "I", 2, ["ISK"]),
    "pro": ((1, 2, 3, 4), "P", 3, ["praktijkonderwijs"]),
}
RELATIONS_OR = {"moeder": "parent", "vader": "parent", "stiefouder": "relative", "voogd": "guardian"}


def ascii_fold(text):
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O").replace("ı", "i")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalnum())).lower()


class Rng(random.Random):
    def uuid(self):
        return str(uuidlib.UUID(int=self.getrandbits(128), version=4))


class School:
    """The school board as small Python records (about 0.5 kB per person), not as text."""

    def __init__(self, students, seed, locations=None, class_size=28, years=(1, 2, 3, 4, 5, 6)):
        rng = Rng(seed)
        self.rng = rng
        self.seed = seed
        self.next_number = 100000
        n_loc = locations or max(1, min(len(PLACES), round(students / 6000)))
        brin = f"{10 + seed % 90:02d}{chr(65 + seed % 26)}{chr(65 + (seed // 26) % 26)}"
        self.board = {"id": rng.uuid(), "name": "Stichting Voortgezet Onderwijs Voorbeeldstad"}
        self.locations = [{"id": rng.uuid(), "name": f"Stedelijk College {PLACES[i]}", "code": f"{brin}{i:02d}"}
                          for i in range(n_loc)]
        self.staff = []
        self.groups = []
        self.students = []
        self.guardians = []
        self.staff_codes = set()
        self.n_households = 0
        self.guardian_serial = 0  # never reused, also after leavers (Magister keys guardians on ouder_id)

        # Staff: about one per 12 students, each with a home location.
        for i in range(max(2 * n_loc, round(students / 12))):
            self.staff.append(self.new_staff(self.locations[i % n_loc]["id"]))

        # Classes: round(N / class_size), cycling over the years, level drawn per class.
        n_groups = max(1, round(students / class_size))
        per_level_count = {}
        staff_by_loc = {}
        for s in self.staff:
            staff_by_loc.setdefault(s["location"], []).append(s)
        cursor = {loc["id"]: 0 for loc in self.locations}
        for g in range(n_groups):
            year = years[g % len(years)]
            loc = self.locations[(g // len(years)) % n_loc]["id"]
            options = [(lv, spec) for lv, spec in LEVELS.items() if year in spec[0]]
            level, spec = rng.choices(options, weights=[o[1][2] for o in options])[0]
            key = (year, spec[1])
            per_level_count[key] = per_level_count.get(key, 0) + 1
            name = f"{year}{spec[1]}{per_level_count[key]}"  # unique across the board (Magister keys on it)
            pool = staff_by_loc[loc]
            first = pool[cursor[loc] % len(pool)]
            second = pool[(cursor[loc] + 1) % len(pool)] if rng.random() < 0.8 else None
            cursor[loc] += 2
            studie = rng.choice(spec[3])
            self.groups.append({"id": rng.uuid(), "name": name, "year": year, "level": level, "location": loc,
                                "studie": f"{studie} {year}", "first": first["id"], "second": second and second["id"]})

        # Student places: evenly over the classes, in a shuffled order so siblings land anywhere.
        slots = [self.groups[i % n_groups] for i in range(students)]
        rng.shuffle(slots)
        while len(self.students) < students:
            kids = rng.choices((1, 2, 3), weights=(88, 10, 2))[0]
            kids = min(kids, students - len(self.students))
            self.new_family([slots[len(self.students) + k] for k in range(kids)])

    # --- people -------------------------------------------------------------------------------

    def new_staff(self, location):
        rng = self.rng
        prefix, family = rng.choice(FAMILY)
        given = rng.choice(GIVEN_GIRLS + GIVEN_BOYS)
        base = ascii_fold(family)[:3].upper().ljust(3, "X")
        code, n = base, 1
        while code in self.staff_codes:
            n += 1
            code = f"{base}{n}"
        self.staff_codes.add(code)
        number = 5000 + len(self.staff)
        return {"id": rng.uuid(), "number": str(number), "code": code, "given": given,
                "initials": given[0] + ".", "prefix": prefix, "family": family,
                "email": f"{ascii_fold(given)}.{ascii_fold((prefix or '') + family)}.{number}@svo-voorbeeld.nl",
                "location": location}

    def new_student(self, group, family):
        rng = self.rng
        self.next_number += 1
        number = self.next_number
        girl = rng.random() < 0.5
        given = rng.choice(GIVEN_GIRLS if girl else GIVEN_BOYS)
        prefix, fam = family
        # Age: 12 in year 1 at the start of the school year; some repeated a year, some are 18+.
        born_year = SCHOOL_YEAR - 11 - group["year"]
        r = rng.random()
        if group["level"] == "isk":
            born_year -= rng.randint(0, 5)
        elif r < 0.15:
            born_year -= 1
        elif r < 0.18 and group["year"] >= 4:
            born_year -= 2
        birth = f"{born_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        student = {"id": rng.uuid(), "number": str(number), "given": given, "prefix": prefix, "family": fam,
                   "birth": birth, "sex": "female" if girl else "male",
                   "email": f"{ascii_fold(given)}.{number}@leerling.svo-voorbeeld.nl",
                   "group": group, "begin": BEGIN, "guardians": [], "address": None}
        self.students.append(student)
        return student

    def new_guardian(self, relation, family, household, given=None, organisation=None):
        rng = self.rng
        self.guardian_serial += 1
        n = self.guardian_serial
        if organisation:
            prefix, fam, given, initials = None, organisation, None, None
        else:
            prefix, fam = family
            given = given or rng.choice(GIVEN_GIRLS if relation == "moeder" else GIVEN_BOYS)
            initials = given[0] + "."
        g = {"id": rng.uuid(), "number": f"o{700000 + n}", "given": given, "initials": initials,
             "prefix": prefix, "family": fam, "relation": relation, "household": household,
             "email": (f"{ascii_fold(given or 'info')}.{ascii_fold(fam)}{n}@thuis.example"
                       if rng.random() < 0.96 else None),
             "phone": f"06{rng.randint(10000000, 99999999)}" if rng.random() < 0.9 else None,
             "authority": organisation is None and relation != "stiefouder", "students": []}
        self.guardians.append(g)
        return g

    def new_household(self):
        rng = self.rng
        self.n_households += 1
        return (f"{rng.randint(1011, 9999)}{chr(65 + rng.randrange(26))}{chr(65 + rng.randrange(26))}",
                str(rng.randint(1, 300)), rng.choice(["", "", "", "", "A", "bis", "2"]))

    def new_family(self, groups):
        """Siblings (one per group) with their guardians: together, separated, single, organisation, none."""
        rng = self.rng
        family = rng.choice(FAMILY)
        kids = [self.new_student(g, family) for g in groups]
        r = rng.random()
        home = self.new_household()
        for k in kids:
            k["address"] = home
        parents = []  # (guardian, contact order)
        if r < 0.70:  # two parents, one address
            other = rng.choice(FAMILY) if rng.random() < 0.3 else family
            parents = [self.new_guardian("moeder", other, home), self.new_guardian("vader", family, home)]
        elif r < 0.85:  # separated: two households, sometimes a step-parent at one of them
            away = self.new_household()
            parents = [self.new_guardian("moeder", rng.choice(FAMILY), home), self.new_guardian("vader", family, away)]
            if rng.random() < 0.5:
                parents.append(self.new_guardian("stiefouder", rng.choice(FAMILY), rng.choice([home, away])))
        elif r < 0.985:  # one parent
            parents = [self.new_guardian(rng.choice(["moeder", "moeder", "vader"]), family, home)]
        elif r < 0.995:  # a guardian organisation (e.g. an unaccompanied minor)
            parents = [self.new_guardian("voogd", family, None, organisation=rng.choice(ORGANISATIONS))]
        # else: no guardian on record (an adult student, or not yet registered)
        for order, g in enumerate(parents, start=1):
            for k in kids:
                g["students"].append(k)
                k["guardians"].append((g, order))
        return kids

    # --- changes ------------------------------------------------------------------------------

    def change(self, percent, seed):
        """About `percent`% of the students changed: class moves, new e-mail, leavers, arrivals."""
        rng = Rng(seed * 7919 + 17)
        self.rng = rng
        n = max(1, round(len(self.students) * percent / 100))
        picked = rng.sample(range(len(self.students)), n)
        leavers, arrivals = max(1, n // 10), max(1, n // 10)
        moved = emailed = 0
        by_year_loc = {}
        for g in self.groups:
            by_year_loc.setdefault((g["year"], g["location"]), []).append(g)
        gone = set()
        for i, idx in enumerate(picked):
            s = self.students[idx]
            if i < leavers:
                gone.add(s["id"])
            elif i % 2 == 0:
                choices = [g for g in by_year_loc[(s["group"]["year"], s["group"]["location"])] if g is not s["group"]]
                if choices:
                    s["group"] = rng.choice(choices)
                    s["begin"] = f"{SCHOOL_YEAR}-11-16"
                    moved += 1
            else:
                s["email"] = s["email"].replace("@leerling.", ".nieuw@leerling.")
                emailed += 1
        if gone:
            self.students = [s for s in self.students if s["id"] not in gone]
            for g in self.guardians:
                g["students"] = [s for s in g["students"] if s["id"] not in gone]
            self.guardians = [g for g in self.guardians if g["students"]]
        added = 0
        while added < arrivals:
            kids = self.new_family([rng.choice(self.groups)])
            for k in kids:
                k["begin"] = f"{SCHOOL_YEAR}-11-16"
            added += len(kids)
        return {"picked": n, "leavers": len(gone), "arrivals": added, "moved": moved, "new_email": emailed}

    def summary(self):
        links = sum(len(s["guardians"]) for s in self.students)
        adults = sum(1 for s in self.students if s["birth"] <= f"{SCHOOL_YEAR - 18}-11-23")
        two = sum(1 for s in self.students if len({g["household"] for g, _ in s["guardians"] if g["household"]}) > 1)
        mentors = sum(1 + (g["second"] is not None) for g in self.groups)
        return {"locations": len(self.locations), "students": len(self.students), "guardians": len(self.guardians),
                "guardian_links": links, "staff": len(self.staff), "groups": len(self.groups),
                "group_mentors": mentors, "households": self.n_households,
                "students_two_households": two, "students_18_plus_on_2026_11_23": adults,
                "guardians_per_student": round(len(self.guardians) / max(1, len(self.students)), 3)}


# --- writers ------------------------------------------------------------------------------------

def writer(folder, name, header, delimiter=",", bom=False, crlf=False):
    f = open(os.path.join(folder, name), "w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    return f, w


def write_oneroster(school, folder, grades):
    grade = (lambda y: f"{y + 6:02d}") if grades == "us" else (lambda y: str(y))
    files = ["academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
             "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users"]
    present = {"classes", "demographics", "enrollments", "orgs", "users"}
    f, w = writer(folder, "manifest.csv", ["propertyName", "value"])
    w.writerow(["manifest.version", "1.0"])
    w.writerow(["oneroster.version", "1.1"])
    for name in files:
        w.writerow([f"file.{name}", "bulk" if name in present else "absent"])
    w.writerow(["source.systemName", "generate_school.py"])
    f.close()

    f, w = writer(folder, "orgs.csv", ["sourcedId", "status", "dateLastModified", "name", "type", "identifier",
                                       "parentSourcedId"])
    w.writerow([school.board["id"], "", "", school.board["name"], "district", "", ""])
    for loc in school.locations:
        w.writerow([loc["id"], "", "", loc["name"], "school", loc["code"], school.board["id"]])
    f.close()

    term = f"term-{SCHOOL_YEAR}"
    f, w = writer(folder, "classes.csv", ["sourcedId", "status", "dateLastModified", "title", "grades",
                                          "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId",
                                          "termSourcedIds", "subjects", "subjectCodes", "periods"])
    for g in school.groups:
        w.writerow([g["id"], "", "", g["name"], grade(g["year"]), "", g["name"], "homeroom", "", g["location"],
                    term, "", "", ""])
    f.close()

    f, w = writer(folder, "users.csv", ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds",
                                        "role", "username", "userIds", "givenName", "familyName", "middleName",
                                        "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
                                        "password"])
    for s in school.staff:
        w.writerow([s["id"], "", "", "true", s["location"], "teacher", s["code"].lower(), "", s["given"], s["family"],
                    s["prefix"] or "", s["code"], s["email"], "", "", "", "", ""])
    for s in school.students:
        agents = ",".join(g["id"] for g, _ in sorted(s["guardians"], key=lambda x: x[1]))
        w.writerow([s["id"], "", "", "true", s["group"]["location"], "student", f"l{s['number']}", "", s["given"],
                    s["family"], s["prefix"] or "", s["number"], s["email"], "", "", agents, grade(s["group"]["year"]),
                    ""])
    for g in school.guardians:
        role = RELATIONS_OR[g["relation"]]
        loc = g["students"][0]["group"]["location"]
        w.writerow([g["id"], "", "", "true", loc, role, "", "", g["given"] or "", g["family"], g["prefix"] or "", "",
                    g["email"] or "", "", g["phone"] or "", "", "", ""])
    f.close()

    f, w = writer(folder, "enrollments.csv", ["sourcedId", "status", "dateLastModified", "classSourcedId",
                                              "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate",
                                              "endDate"])
    n = 0
    for g in school.groups:
        for staff, primary in ((g["first"], "true"), (g["second"], "false")):
            if staff:
                n += 1
                w.writerow([f"e-{g['id'][:8]}-{staff[:8]}-{primary[0]}", "", "", g["id"], g["location"], staff,
                            "teacher", primary, BEGIN, END])
    for s in school.students:
        w.writerow([f"e-{s['id']}", "", "", s["group"]["id"], s["group"]["location"], s["id"], "student", "false",
                    s["begin"], END])
    f.close()

    f, w = writer(folder, "demographics.csv", ["sourcedId", "status", "dateLastModified", "birthDate", "sex",
                                               "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                                               "nativeHawaiianOrOtherPacificIslander", "white",
                                               "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                                               "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                                               "publicSchoolResidenceStatus"])
    for s in school.students:
        w.writerow([s["id"], "", "", s["birth"], s["sex"]] + [""] * 11)
    f.close()


def dutch_date(iso):
    y, m, d = iso.split("-")
    return f"{d}-{m}-{y}"


def write_magister(school, folder):
    loc_name = {loc["id"]: loc["name"] for loc in school.locations}
    opts = {"delimiter": ";", "bom": True, "crlf": True}
    f, w = writer(folder, "leerlingen.csv", ["stamnr_str", "Roepnaam", "Tussenv", "Achternaam", "geb_datum_str", "Email",
                                             "Klas", "Studie", "Leerfase.Leerjaar",
                                             "Administratieve_eenheid.Omschrijving", "Postcode", "Nr", "Nr.tv"], **opts)
    for s in school.students:
        g = s["group"]
        pc, nr, tv = s["address"]
        w.writerow([s["number"], s["given"], s["prefix"] or "", s["family"], dutch_date(s["birth"]), s["email"],
                    g["name"], g["studie"], g["year"], loc_name[g["location"]], pc, nr, tv])
    f.close()

    f, w = writer(folder, "personeel.csv", ["stamnr_str", "Code", "Roepnaam", "Tussenv", "Achternaam", "Voorletters",
                                            "Email_werk", "Administratieve_eenheid.Omschrijving"], **opts)
    for s in school.staff:
        w.writerow([s["number"], s["code"], s["given"], s["prefix"] or "", s["family"], s["initials"], s["email"],
                    loc_name[s["location"]]])
    f.close()

    f, w = writer(folder, "ouders.csv", ["stamnr", "ouder_id", "relatie", "voorletters", "roepnaam", "tussenv",
                                         "achternaam", "email", "telefoon", "postcode", "huisnr", "toev", "gezag", "post",
                                         "volgorde"], **opts)
    for s in school.students:
        for g, order in s["guardians"]:
            pc, nr, tv = g["household"] or ("", "", "")
            w.writerow([s["number"], g["number"], g["relation"], g["initials"] or "", g["given"] or "",
                        g["prefix"] or "", g["family"], g["email"] or "", g["phone"] or "", pc, nr, tv,
                        "ja" if g["authority"] else "nee", "ja", order])
    f.close()

    code = {s["id"]: s["code"] for s in school.staff}
    f, w = writer(folder, "mentoren.csv", ["klas", "docentcode", "rol"], **opts)
    for g in school.groups:
        w.writerow([g["name"], code[g["first"]], "1"])
        if g["second"]:
            w.writerow([g["name"], code[g["second"]], "2"])
    f.close()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=50000)
    p.add_argument("--seed", type=int, default=1, help="the school's seed; with --change-percent, the changes' seed")
    p.add_argument("--base-seed", type=int, help="with --change-percent: the seed of the unchanged school")
    p.add_argument("--change-percent", type=float, default=0.0)
    p.add_argument("--format", choices=["oneroster", "magister"], required=True)
    p.add_argument("--out", required=True, help="folder to write (created)")
    p.add_argument("--locations", type=int, help="number of vestigingen (default: about one per 6000 students)")
    p.add_argument("--class-size", type=int, default=28)
    p.add_argument("--years", default="1-6", help="leerjaren, e.g. 1-6 or 1-3")
    p.add_argument("--grades", choices=["us", "leerjaar"], default="us", help="OneRoster grades: 07-12 or 1-6")
    p.add_argument("--summary", action="store_true", help="print the school's figures as JSON to stdout")
    a = p.parse_args()
    lo, _, hi = a.years.partition("-")
    years = tuple(range(int(lo), int(hi or lo) + 1))
    if a.change_percent and a.base_seed is None:
        p.error("--change-percent needs --base-seed (the unchanged school's seed)")
    school = School(a.students, a.base_seed if a.change_percent else a.seed, a.locations, a.class_size, years)
    summary = {}
    if a.change_percent:
        summary["changes"] = school.change(a.change_percent, a.seed)
    os.makedirs(a.out, exist_ok=True)
    if a.format == "oneroster":
        write_oneroster(school, a.out, a.grades)
    else:
        write_magister(school, a.out)
    if a.summary:
        import json
        summary.update(school.summary())
        print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
