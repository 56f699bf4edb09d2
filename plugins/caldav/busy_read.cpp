#include "busy_read.hpp"

#include "caldav/busy_times.hpp"
#include "multistatus.hpp"

#include <algorithm>

namespace caldav {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;
using ical::Instant;

// A school year and a bit: longer windows are a mistake, and would expand lessons for years.
constexpr auto kMaxWindow = date::days(400);

struct Person {
  std::string id;
  std::string calendar;
};

struct Window {
  Instant from;
  Instant to;
};

Error bad(const std::string& field, const std::string& message) {
  return Error(LOBSYNC_E_INVALID_ARGUMENT, field + ": " + message);
}

Window read_window(const json& request) {
  Window w;
  for (const char* field : {"from", "to"}) {
    if (!request.contains(field) || !request[field].is_string()) throw bad(field, "must be a UTC time like 2026-12-07T00:00:00Z");
    auto instant = ical::parse_instant(request[field].get<std::string>());
    if (!instant) throw bad(field, "must be a UTC time like 2026-12-07T00:00:00Z");
    (std::string_view(field) == "from" ? w.from : w.to) = *instant;
  }
  if (w.to <= w.from) throw bad("to", "must be after from");
  if (w.to - w.from > kMaxWindow) throw bad("to", "the window may be at most 400 days");
  return w;
}

std::vector<Person> read_people(const json& request) {
  if (!request.contains("people") || !request["people"].is_array()) throw bad("people", "must be a list");
  std::vector<Person> people;
  const json& list = request["people"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "people/" + std::to_string(i);
    if (!list[i].is_object()) throw bad(at, "must be an object with id and calendar");
    Person p;
    for (auto [field, out] : {std::pair<const char*, std::string*>{"id", &p.id}, {"calendar", &p.calendar}}) {
      if (!list[i].contains(field) || !list[i][field].is_string() || list[i][field].get<std::string>().empty()) {
        throw bad(at + "/" + field, "must be a non-empty string");
      }
      *out = list[i][field].get<std::string>();
    }
    people.push_back(std::move(p));
  }
  return people;
}

std::string query(const Window& w) {
  return R"(<?xml version="1.0" encoding="utf-8"?>)"
         R"(<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">)"
         "<d:prop><d:getetag/><c:calendar-data/></d:prop>"
         R"(<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">)"
         R"(<c:time-range start=")" +
         ical::format_ical_utc(w.from) + R"(" end=")" + ical::format_ical_utc(w.to) +
         R"("/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>)";
}

// The resource's own name, for problems: it is the event's UID in the URL, not a person's name.
std::string resource_name(const std::string& href) {
  const std::string trimmed = href.ends_with('/') ? href.substr(0, href.size() - 1) : href;
  const std::size_t slash = trimmed.rfind('/');
  return slash == std::string::npos ? trimmed : trimmed.substr(slash + 1);
}

}  // namespace

void BusyReader::read(const json& request, lobsync::sdk::Emitter& out) const {
  if (!request.is_object()) throw bad("request", "must be an object");
  const Window window = read_window(request);
  const std::vector<Person> people = read_people(request);
  const std::string body = query(window);

  for (const Person& person : people) {
    auto collection = settings_.collection(person.calendar);
    if (!collection) {
      out.emit({{"person", person.id}, {"error", "no collection for this calendar key"}});
      continue;
    }
    const auto r = client_.send("REPORT", *collection,
                                {{"Depth", "1"}, {"Content-Type", "application/xml; charset=utf-8"}}, body);
    // No answer, an overloaded server, or rejected credentials concern every person: stop.
    if (r.status == 0 || r.status >= 500 || r.status == 408 || r.status == 429 || r.status == 401) {
      fail(r, "REPORT of the calendar");
    }
    if (r.status != 207) {
      const std::string why = r.status == 404   ? "the calendar does not exist (HTTP 404)"
                              : r.status == 403 ? "forbidden: the account may not read this calendar (HTTP 403)"
                                                : "the server refused the query (HTTP " + std::to_string(r.status) + ")";
      out.emit({{"person", person.id}, {"error", why}});
      continue;
    }
    const Multistatus answer = parse_multistatus(r.body);
    if (!answer.error.empty()) {
      out.emit({{"person", person.id}, {"error", answer.error}});
      continue;
    }
    std::vector<ical::BusyInterval> busy;
    std::vector<std::string> problems;
    for (const auto& resource : answer.resources) {
      if (!resource.calendar_data) continue;  // a collection entry, or a resource without data
      auto times = ical::busy_times(*resource.calendar_data, window.from, window.to, school_zone_);
      busy.insert(busy.end(), times.busy.begin(), times.busy.end());
      for (auto& p : times.problems) problems.push_back(resource_name(resource.href) + ": " + p);
    }
    std::stable_sort(busy.begin(), busy.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (const auto& interval : busy) {
      out.emit({{"person", person.id},
                {"start", ical::format_instant(interval.start)},
                {"end", ical::format_instant(interval.end)},
                {"uid", interval.uid}});
    }
    for (const auto& p : problems) out.emit({{"person", person.id}, {"problem", p}});
  }
}

}  // namespace caldav
