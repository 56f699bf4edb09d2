#!/usr/bin/python3
"""The floor of a Somtoday sync: fetch every page the somtoday plugin reads (token, vestigingen,
then each roster endpoint per vestiging, 200 at a time, until a short page) over one keep-alive
connection, and count the items; no parsing beyond that, no mapping, no store. Timed by
run_sync_bench.sh beside lobsync against the same prepared fake.

    fetch_somtoday_floor.py PORT ORGANISATION CLIENT_ID CLIENT_SECRET
"""
import http.client
import json
import sys
import urllib.parse

# What plugins/somtoday/roster_reader.cpp reads, spelled as it does.
ENDPOINTS = {"medewerker": "medewerkers", "stamgroep/": "stamgroepen", "leerling": "leerlingen",
             "ouderVerzorger/": "ouderVerzorgers"}


def main():
    port, organisation, client_id, secret = sys.argv[1:5]
    conn = http.client.HTTPConnection("127.0.0.1", int(port))
    form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret})
    conn.request("POST", f"/oauth2/token?organisation={organisation}", form,
                 {"Content-Type": "application/x-www-form-urlencoded"})
    token = json.loads(conn.getresponse().read())["access_token"]
    headers = {"Authorization": f"Bearer {token}"}

    def get(path):
        conn.request("GET", "/rest/v1" + path, headers=headers)
        return json.loads(conn.getresponse().read())

    items = 0
    for vestiging in get("/connect/vestiging")["vestigingen"]:
        for endpoint, key in ENDPOINTS.items():
            offset = 0
            while True:
                page = get(f"/connect/vestiging/{vestiging['uuid']}/{endpoint}?offset={offset}&amount=200").get(key, [])
                items += len(page)
                if len(page) < 200:
                    break
                offset += 200
    print(json.dumps({"status": "fetched", "records_read": items}))


if __name__ == "__main__":
    main()
