#!/usr/bin/python3
"""A fake Magister Medius/SWP webservice for the magister plugin's tests; standard library only.

Binds 127.0.0.1 on a free port and prints "LISTENING <port>" once it accepts connections.
Serves GET /doc?Library=…&Function=…&Type=… as documented in
the shared reference sis-formats.md, section 2.1:
  Algemeen/Login (UserName, Password, Type=XML)   Response/Result, SessionToken, ResultMessage
  ADFuncties/GetActiveStudents (Type=CSV)         the active students
  ADFuncties/GetActiveEmpoyees (sic, Type=CSV)    the active staff, plus Email_werk
  Data/GetData&Layout=<parents|mentors layout>    the school-defined layouts
  Data/GetData&Layout=<timetable layout>          lessons in weeks 43-44 of 2026 (lobsync's proposed
                                                  columns Docentcode;Datum;Start;Einde;Status)
A data call without a valid SessionToken, or with an unknown layout, answers an XML
Response/Exception + ExceptionMsg (HTTP 200, as the SWP does).

CSV: ';'-separated, CRLF, every field quoted (so --truncate always cuts inside a quoted field),
UTF-8 with a BOM before the first column name, or Windows-1252 with --encoding windows-1252.

The school is generated from --seed: a fixed core of students the tests rely on, then
generated ones (--students in all, at least 5), each with two parents at one address:
  1001 Wiśniewska (Müller in Windows-1252, which has no ś), one parent, class 1H1
  1002 and 1003 Özdemir, siblings sharing both parents (same address)
  1004 Zoë de Vries, separated parents (two ouders, two addresses)
  1005 an 18+ student (born 2000), one parent
So guardians = 6 + 2 * (students - 5) and households = students.
Faults: --repeat-header repeats the header in the middle of GetActiveStudents; --truncate cuts
the GetActiveStudents answer in the middle of its last row; --data-status N answers every call
but Login with HTTP N.
"""

import argparse
import random
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

STUDENT_COLUMNS = [
    "stamnr_str", "Roepnaam", "Tussenv", "Achternaam", "Volledige_naam", "Voorletters", "Geslacht",
    "geb_datum_str", "Email", "Klas", "Studie", "Profiel.Code", "Leerfase.Leerjaar",
    "Administratieve_eenheid.Omschrijving", "Straat", "Nr", "Nr.tv", "Postcode", "Plaats.Woonplaats",
]
STAFF_COLUMNS = [
    "stamnr_str", "Code", "Roepnaam", "Tussenv", "Achternaam", "Voorletters", "M_V",
    "Functie.Omschr", "Administratieve_eenheid.Omschrijving", "Email_werk",
]
PARENT_COLUMNS = [
    "stamnr", "ouder_id", "relatie", "voorletters", "roepnaam", "tussenv", "achternaam", "email",
    "telefoon", "postcode", "huisnr", "toev", "gezag", "post", "volgorde",
]
MENTOR_COLUMNS = ["klas", "docentcode", "rol"]

# (class, Studie, year)
CLASSES = [("1H1", "havo 1", "1"), ("2V1", "vwo/atheneum 2", "2"), ("3T1", "vmbo-tl 3", "3"),
           ("4H2", "havo 4", "4")]
STAFF = [  # stamnr, code, roepnaam, tussenv, achternaam, voorletters
    ("5001", "JAN", "Anna", "", "Jansen", "A."),
    ("5002", "BAK", "Kees", "de", "Bakker", "K."),
    ("5003", "VRI", "Fatima", "", "El Amrani", "F."),
    ("5004", "MUL", "Piotr", "", "Kowalski", "P."),
    ("5005", "DEK", "Sanne", "van", "Dekker", "S."),
]
MENTORS = [("1H1", "JAN", "1"), ("2V1", "BAK", "1"), ("3T1", "VRI", "1"), ("4H2", "MUL", "1"),
           ("4H2", "DEK", "2")]
TIMETABLE_COLUMNS = ["Docentcode", "Datum", "Start", "Einde", "Status"]
# Summer time ends on Sunday 25 October 2026. Status 4 is "vervallen"; two teachers share a row.
TIMETABLE = [("JAN", "19-10-2026", "08:30", "09:20", "1"), ("JAN", "21-10-2026", "10:30", "11:20", "1"),
             ("JAN", "26-10-2026", "08:30", "09:20", "1"), ("JAN", "28-10-2026", "10:30", "11:20", "4"),
             ("JAN,BAK", "29-10-2026", "13:00", "13:50", "1"), ("VRI", "20-10-2026", "09:00", "09:50", "1")]
GIVEN = ["Daan", "Sem", "Lotte", "Noor", "Mohammed", "Yara", "Milan", "Julia", "Ayoub", "Emma"]
FAMILY = [("", "Visser"), ("van", "Leeuwen"), ("", "Smit"), ("de", "Boer"), ("", "Yilmaz"),
          ("van den", "Berg"), ("", "Mulder"), ("", "Bos")]


def build_school(seed, count, cp1252):
    """Returns (students, parents): lists of dicts keyed by the CSV column names."""
    rng = random.Random(seed)
    polish = "Müller" if cp1252 else "Wiśniewska"
    students, parents = [], []

    def student(nr, given, prefix, family, born, klas_index, street_nr, postcode):
        klas, studie, year = CLASSES[klas_index]
        students.append({
            "stamnr_str": nr, "Roepnaam": given, "Tussenv": prefix, "Achternaam": family,
            "Volledige_naam": " ".join(p for p in (given, prefix, family) if p),
            "Voorletters": given[0] + ".", "Geslacht": "", "geb_datum_str": born,
            "Email": f"{nr}@leerling.school.example", "Klas": klas, "Studie": studie,
            "Profiel.Code": "", "Leerfase.Leerjaar": year,
            "Administratieve_eenheid.Omschrijving": "Stedelijk College Noord",
            "Straat": "Schoolstraat", "Nr": street_nr, "Nr.tv": "", "Postcode": postcode,
            "Plaats.Woonplaats": "Utrecht",
        })

    def parent(nr, oid, relation, initials, prefix, family, postcode, huisnr, toev="", order="1"):
        parents.append({
            "stamnr": nr, "ouder_id": oid, "relatie": relation, "voorletters": initials,
            "roepnaam": "", "tussenv": prefix, "achternaam": family,
            "email": f"ouder{oid}@example.org", "telefoon": "0612345678", "postcode": postcode,
            "huisnr": huisnr, "toev": toev, "gezag": "ja", "post": "ja", "volgorde": order,
        })

    student("1001", "Zofia", "", polish, "12-03-2012", 0, "1", "3511AA")
    parent("1001", "9001", "moeder", "M.", "", polish, "3511AA", "1")
    student("1002", "Emre", "", "Özdemir", "01-09-2011", 1, "12", "3512BB")
    student("1003", "Elif", "", "Özdemir", "15-01-2009", 2, "12", "3512BB")
    for nr in ("1002", "1003"):  # siblings: the same two parents
        parent(nr, "9002", "moeder", "A.", "", "Özdemir", "3512BB", "12", order="1")
        parent(nr, "9003", "vader", "M.", "", "Özdemir", "3512BB", "12", order="2")
    student("1004", "Zoë", "de", "Vries", "30-06-2010", 3, "7", "3513CC")
    parent("1004", "9004", "moeder", "L.", "de", "Vries", "3513CC", "7", "A")
    parent("1004", "9005", "vader", "R.", "", "Jansen", "3584DD", "220")  # lives elsewhere
    student("1005", "Thomas", "", "Bos", "02-02-2000", 3, "3", "3514EE")  # 18+
    parent("1005", "9006", "voogd", "H.", "", "Bos", "3514EE", "3")
    for i in range(max(0, count - 5)):
        nr, oid = str(1100 + i), 9100 + 2 * i
        prefix, family = rng.choice(FAMILY)
        postcode, huisnr = f"35{rng.randint(10, 99)}X{chr(65 + i % 26)}", str(rng.randint(1, 300))
        born = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2008, 2013)}"
        student(nr, rng.choice(GIVEN), prefix, family, born, rng.randrange(len(CLASSES)), huisnr, postcode)
        parent(nr, str(oid), "moeder", "J.", prefix, family, postcode, huisnr, order="1")
        parent(nr, str(oid + 1), "vader", "P.", prefix, family, postcode, huisnr, order="2")
    return students, parents


def quoted(value):
    return '"' + value.replace('"', '""') + '"'


def to_csv(columns, rows, repeat_header=False, truncate=False):
    header = ";".join(quoted(c) for c in columns)
    lines = [";".join(quoted(row.get(c, "")) for c in columns) for row in rows]
    if repeat_header and len(lines) > 2:
        lines.insert(len(lines) // 2, header)
    text = "\r\n".join([header] + lines) + "\r\n"
    if truncate:
        # Cut the last row one character into its fourth field (Achternaam, never empty): the
        # transfer ends inside a quoted field.
        cut = text.rindex("\r\n", 0, len(text) - 2) + 2
        for _ in range(3):
            cut = text.index('";"', cut) + 2
        text = text[:cut + 2]
    return text


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    options = None
    school = None
    sessions = set()

    def do_GET(self):
        url = urlsplit(self.path)
        q = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path != "/doc":
            return self.reply(404, b"not found\n", "text/plain")
        function = (q.get("Library", ""), q.get("Function", ""))
        if function == ("Algemeen", "Login"):
            return self.login(q)
        if q.get("SessionToken") not in self.sessions:
            return self.exception("Ongeldig SessionToken")
        students, parents = self.school
        o = self.options
        if o.data_status:
            return self.reply(o.data_status, b"<html>fout</html>", "text/html")
        if function == ("ADFuncties", "GetActiveStudents"):
            return self.csv(to_csv(STUDENT_COLUMNS, students, o.repeat_header, o.truncate))
        if function == ("ADFuncties", "GetActiveEmpoyees"):
            rows = [dict(zip(["stamnr_str", "Code", "Roepnaam", "Tussenv", "Achternaam", "Voorletters"], s),
                         **{"Administratieve_eenheid.Omschrijving": "Stedelijk College Noord",
                            "Email_werk": s[1].lower() + "@school.example"}) for s in STAFF]
            return self.csv(to_csv(STAFF_COLUMNS, rows))
        if function == ("Data", "GetData"):
            layout = q.get("Layout", "")
            if layout == o.parents_layout:
                return self.csv(to_csv(PARENT_COLUMNS, parents))
            if layout == o.mentors_layout:
                return self.csv(to_csv(MENTOR_COLUMNS, [dict(zip(MENTOR_COLUMNS, m)) for m in MENTORS]))
            if layout == o.timetable_layout:
                return self.csv(to_csv(TIMETABLE_COLUMNS, [dict(zip(TIMETABLE_COLUMNS, t)) for t in TIMETABLE]))
            return self.exception(f"Layout '{layout}' bestaat niet")
        return self.exception(f"Onbekende functie {function[0]}/{function[1]}")

    def login(self, q):
        if q.get("UserName") == self.options.username and q.get("Password") == self.options.password:
            token = f"tok-{len(self.sessions) + 1}-{random.randrange(1 << 30)}"
            self.sessions.add(token)
            body = f"<Response><Result>True</Result><SessionToken>{token}</SessionToken></Response>"
        else:
            body = ("<Response><Result>False</Result><ResultMessage>Gebruikersnaam of wachtwoord "
                    "onjuist</ResultMessage></Response>")
        self.reply(200, ('<?xml version="1.0" encoding="utf-8"?>' + body).encode(), "text/xml")

    def exception(self, message):
        body = (f'<?xml version="1.0" encoding="utf-8"?><Response><Exception>Error</Exception>'
                f"<ExceptionMsg>{message}</ExceptionMsg></Response>")
        self.reply(200, body.encode(), "text/xml")

    def csv(self, text):
        if self.options.encoding == "windows-1252":
            body = text.encode("cp1252")
        else:
            body = "\ufeff".encode() + text.encode("utf-8")
        self.reply(200, body, "text/csv")

    def reply(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass  # quiet: tests read stdout for LISTENING


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--encoding", choices=["utf-8", "windows-1252"], default="utf-8")
    parser.add_argument("--username", default="lobsync")
    parser.add_argument("--password", default="Geheim&Wachtwoord#1")
    parser.add_argument("--parents-layout", default="lobsync_ouders")
    parser.add_argument("--mentors-layout", default="lobsync_mentoren")
    parser.add_argument("--timetable-layout", default="lobsync_rooster")
    parser.add_argument("--data-status", type=int, default=0)
    parser.add_argument("--repeat-header", action="store_true")
    parser.add_argument("--truncate", action="store_true")
    args = parser.parse_args()
    Handler.options = args
    Handler.school = build_school(args.seed, max(5, args.students), args.encoding == "windows-1252")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("LISTENING", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
