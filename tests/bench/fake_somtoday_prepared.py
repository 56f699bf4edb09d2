#!/usr/bin/python3
"""tests/fakes/somtoday/fake_somtoday.py for benchmarks: every page a sync reads is rendered
once before "LISTENING" is printed and then served from memory, so the benchmark measures
lobsync, not the fake. (The test fake builds each page per request; its guardian list scans
every guardian for each page, which made a 50,000-student sync take minutes of the fake's time.)

  fake_somtoday_prepared.py [--change-percent P] [--page-size N] [every option of fake_somtoday.py]

--change-percent serves the school of fake_somtoday_changed.py (about P% of the students
changed); --page-size is the plugin's `page_size` (default 200, the API's maximum). Requests
the prepared pages do not cover (another page size, a `uuid` filter, the test controls' rules)
go to the test fake's own code, unchanged.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fakes", "somtoday"))
sys.path.insert(0, HERE)


def pop_page_size(argv):
    size, out, it = 200, [], iter(argv)
    for a in it:
        if a == "--page-size":
            size = int(next(it))
        else:
            out.append(a)
    return size, out


PAGE_SIZE, sys.argv[1:] = pop_page_size(sys.argv[1:])

if "--change-percent" in sys.argv or any(a.startswith("--change-percent=") for a in sys.argv):
    import fake_somtoday_changed  # noqa: E402,F401  (takes --change-percent, sets the school)
import fake_somtoday  # noqa: E402

PAGES = {}  # (path without trailing "/", offset, amount) → response body


def prepare(school, amount):
    for v in school.students:
        lists = {"leerling": school.students[v], "medewerker": school.staff[v], "stamgroep": school.groups[v],
                 "ouderVerzorger": school.guardians_of(v), "lesgroep": school.lesgroepen[v],
                 "plaatsing": [p for x in school.students[v] for p in x["plaatsingen"]]}
        for endpoint, items in lists.items():
            path = f"/connect/vestiging/{v}/{endpoint}"
            # Every page, and the empty one after a list that fills its last page exactly.
            for offset in range(0, len(items) + 1, amount):
                doc = {fake_somtoday.ENDPOINTS[endpoint]: items[offset:offset + amount]}
                PAGES[(path, offset, amount)] = json.dumps(doc, ensure_ascii=False).encode("utf-8")


class PreparedState(fake_somtoday.State):
    def __init__(self, args):
        super().__init__(args)
        prepare(self.school, PAGE_SIZE)


original_data = fake_somtoday.Handler.data


def prepared_data(self, path, query):
    s = self.state
    if not s.rules and "uuid" not in self.query:
        try:
            key = (path.rstrip("/"), int(self.query.get("offset", ["0"])[-1]), int(self.query.get("amount", ["0"])[-1]))
        except ValueError:
            key = None
        body = PAGES.get(key)
        if body is not None:
            auth = self.headers.get("Authorization", "")
            with s.lock:
                s.data_requests.append(path + ("?" + query if query else ""))
                authorised = auth.startswith("Bearer ") and auth[7:] in s.tokens and not s.reject_tokens
            if authorised:
                return self.send(200, body)
    return original_data(self, path, query)


fake_somtoday.State = PreparedState
fake_somtoday.Handler.data = prepared_data

if __name__ == "__main__":
    fake_somtoday.main()
