"""The events of the fake Graph (fake_graph.py): the routes of /users/{mailbox}/events the
microsoft365 plugin's calendar writer uses, in their published shapes, and the guesses made
where the documentation is silent (marked GUESS; see plugins/microsoft365/README.md).

  POST   /users/{m}/events          create; 201 with the event. attendees would get meeting
         requests from Exchange: counted as "invitations" in the stats. transactionId: a repeat
         with the same content answers 201 with the existing event and creates nothing (GUESS,
         from a blog's observation); with other content 400 ErrorDuplicateTransactionId (GUESS:
         observed by others, status 400 or 409). Only live events are remembered (GUESS).
  GET    /users/{m}/events?$filter=singleValueExtendedProperties/Any(ep: ep/id eq '<id>' and
         ep/value eq '<value>')[&$expand=singleValueExtendedProperties($filter=id eq '<id>')]
         [&$select=id]   the events carrying the property: the property id matched exactly, the
         value case-insensitively (documented); expanded only when asked; one event per page
         with @odata.nextLink (to exercise paging)
  PATCH  /users/{m}/events/{id}     200 with the event; 404 ErrorItemNotFound
  DELETE /users/{m}/events/{id}     204; 404 ErrorItemNotFound
"""

import json
import re
import threading
import urllib.parse

ANY_FILTER = re.compile(r"^singleValueExtendedProperties/Any\(ep: ep/id eq '((?:[^']|'')*)' and ep/value eq '((?:[^']|'')*)'\)$")
EXPAND = re.compile(r"^singleValueExtendedProperties\(\$filter=id eq '((?:[^']|'')*)'\)$")
# Windows zone names and the IANA names the dateTimeTimeZone page lists (a part of them).
ZONES = {"UTC", "W. Europe Standard Time", "Romance Standard Time", "GMT Standard Time", "Etc/GMT",
         "Europe/Berlin", "Europe/Paris", "Europe/London"}
CONTENT = ("subject", "body", "start", "end", "location", "showAs", "isReminderOn")


def error(status, code, message):
    return status, {"error": {"code": code, "message": message, "innerError": {"request-id": "fake"}}}


def literal(text):
    return text.replace("''", "'")


class Events:
    def __init__(self, graph):
        self.graph = graph  # for base_url, deny and the lock
        self.lock = threading.Lock()
        self.events = {}  # mailbox -> [event]
        self.next_id = 1
        self.lose_response = 0
        self.link_base = None  # where @odata.nextLink points (a forged host, for a test)
        self.stats = {"create": 0, "patch": 0, "delete": 0, "list": 0, "invitations": 0}

    def control(self, doc):
        with self.lock:
            if "event_link_base" in doc:
                self.link_base = doc["event_link_base"]
            if "lose_event_response" in doc:
                self.lose_response = int(doc["lose_event_response"])
            for mailbox, events in doc.get("seed_events", {}).items():
                for event in events:
                    self.store(mailbox.lower(), dict(event))

    def snapshot(self):
        with self.lock:
            return {"events": json.loads(json.dumps(self.events)), "event_calls": dict(self.stats)}

    def store(self, mailbox, event):
        event["id"] = f"AAMkEvent{self.next_id:04d}="
        self.next_id += 1
        self.events.setdefault(mailbox, []).append(event)
        return event

    def denied(self):
        if self.graph.deny == "Calendars.ReadWrite":
            return error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        return None

    def check(self, doc, partial):
        if not isinstance(doc, dict):
            return error(400, "BadRequest", "Empty Payload. JSON content expected.")
        for key in ("start", "end"):
            if key not in doc and partial:
                continue
            value = doc.get(key)
            if not isinstance(value, dict) or not isinstance(value.get("dateTime"), str):
                return error(400, "ErrorInvalidRequest", f"The {key} time is missing or invalid.")
            if value.get("timeZone") not in ZONES:
                return error(400, "TimeZoneNotSupportedException", f"A valid TimeZone value must be specified.")
        body = doc.get("body")
        if body is not None and (not isinstance(body, dict) or body.get("contentType") not in ("text", "html")):
            return error(400, "ErrorInvalidRequest", "The body is invalid.")
        attendees = doc.get("attendees") or []
        # Exchange sends a meeting request to every attendee of an event it creates or changes.
        self.stats["invitations"] += len(attendees)
        return None

    def create(self, mailbox, body):
        refused = self.denied()
        if refused:
            return refused
        try:
            doc = json.loads(body)
        except ValueError:
            return error(400, "BadRequest", "Unable to read JSON request payload.")
        with self.lock:
            refused = self.check(doc, partial=False)
            if refused:
                return refused
            self.stats["create"] += 1
            tid = doc.get("transactionId")
            event = None
            for made in self.events.get(mailbox, []) if tid is not None else []:
                if made.get("transactionId") != tid:
                    continue
                if not all(made.get(k) == doc.get(k) for k in CONTENT):
                    return error(400, "ErrorDuplicateTransactionId", "Your request can't be completed. The TransactionId "
                                 "specified in the request has already been used to create a different event.")
                event = made  # the same create again: answered with the event made the first time
            if event is None:
                event = self.store(mailbox, doc)
            if self.lose_response > 0:
                self.lose_response -= 1
                return error(504, "GatewayTimeout", "Gateway Timeout")
            return 201, event

    def find(self, mailbox, id):
        for event in self.events.get(mailbox, []):
            if event["id"] == id:
                return event
        return None

    def update(self, mailbox, id, body):
        refused = self.denied()
        if refused:
            return refused
        try:
            doc = json.loads(body)
        except ValueError:
            return error(400, "BadRequest", "Unable to read JSON request payload.")
        with self.lock:
            event = self.find(mailbox, id)
            if event is None:
                return error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
            if "transactionId" in doc and doc["transactionId"] != event.get("transactionId"):
                return error(400, "ErrorInvalidRequest", "transactionId can't be changed.")
            refused = self.check(doc, partial=True)
            if refused:
                return refused
            self.stats["patch"] += 1
            props = {p["id"]: p for p in event.get("singleValueExtendedProperties", [])}
            for p in doc.pop("singleValueExtendedProperties", []):
                props[p["id"]] = p
            event.update(doc)
            event["singleValueExtendedProperties"] = list(props.values())
            return 200, event

    def delete(self, mailbox, id):
        refused = self.denied()
        if refused:
            return refused
        with self.lock:
            event = self.find(mailbox, id)
            if event is None:
                return error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
            self.stats["delete"] += 1
            self.events[mailbox].remove(event)
            return 204, None

    def list(self, mailbox, query):
        refused = self.denied()
        if refused:
            return refused
        flt = query.get("$filter", [""])[0]
        match = ANY_FILTER.match(flt)
        if not match:
            return error(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.")
        prop_id, value = literal(match.group(1)), literal(match.group(2))
        expand = None
        if "$expand" in query:
            m = EXPAND.match(query["$expand"][0])
            if not m:
                return error(400, "BadRequest", "Parsing OData Select and Expand failed.")
            expand = literal(m.group(1))
        skip = int(query.get("$skip", ["0"])[0])
        with self.lock:
            self.stats["list"] += 1
            found = []
            for event in self.events.get(mailbox, []):
                props = event.get("singleValueExtendedProperties", [])
                if any(p.get("id") == prop_id and str(p.get("value", "")).lower() == value.lower() for p in props):
                    found.append(event)
            page = []
            for event in found[skip:skip + 1]:
                item = {"id": event["id"]} if query.get("$select", [""])[0] == "id" else dict(event)
                item.pop("singleValueExtendedProperties", None)
                if expand is not None:
                    item["singleValueExtendedProperties"] = [p for p in event.get("singleValueExtendedProperties", [])
                                                             if p.get("id") == expand]
                page.append(item)
        doc = {"value": page}
        if skip + 1 < len(found):
            rest = {k: v[0] for k, v in query.items() if k != "$skip"}
            rest["$skip"] = str(skip + 1)
            doc["@odata.nextLink"] = (self.link_base or self.graph.base_url) + f"/v1.0/users/{mailbox}/events?" + \
                urllib.parse.urlencode(rest, quote_via=urllib.parse.quote)
        return 200, doc

    def route(self, method, mailbox, rest, query, body):
        parts = rest.split("/")
        if parts[0] != "events" or len(parts) > 2:
            return None
        if len(parts) == 1:
            if method == "POST":
                return self.create(mailbox, body)
            if method == "GET":
                return self.list(mailbox, query)
            return error(405, "ErrorInvalidRequest", "The OData request is not supported.")
        id = urllib.parse.unquote(parts[1])
        if method == "PATCH":
            return self.update(mailbox, id, body)
        if method == "DELETE":
            return self.delete(mailbox, id)
        return error(405, "ErrorInvalidRequest", "The OData request is not supported.")
