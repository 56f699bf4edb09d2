#include "busy_times.hpp"

#include "ical_reader.hpp"
#include "recurrence.hpp"
#include "time_zones.hpp"

#include <lobsync/ascii.hpp>
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace caldav::ical {

namespace {

using lobsync::sdk::ascii_upper;
using std::chrono::hours;
using std::chrono::seconds;

// No zone is more than 14 hours from UTC: local bounds this much wider than the window in UTC
// never miss an instance.
constexpr hours kMaxZoneOffset{14};

std::string label(const std::string& uid) {
  if (uid.empty()) return "event without UID";
  return "event '" + (uid.size() <= 80 ? uid : uid.substr(0, 80) + "...") + "'";
}

std::string at_line(const Property& p) { return p.name + " (line " + std::to_string(p.line) + ")"; }

bool is_free(const Component& event) {
  const Property* status = event.property("STATUS");
  const Property* transp = event.property("TRANSP");
  return (status != nullptr && ascii_upper(status->value) == "CANCELLED") ||
         (transp != nullptr && ascii_upper(transp->value) == "TRANSPARENT");
}

// How an event's instances are placed, from its DTSTART and DTEND or DURATION.
struct Timing {
  DateTime start;
  const TimeZone* zone = nullptr;
  enum class End { none, exact, days, duration } end = End::none;
  seconds exact{0};      // DTEND - DTSTART of a timed event: the same for every instance
  date::days days{0};    // DTEND - DTSTART of an all-day event, in days
  Duration duration;     // DURATION: days follow the wall clock, the rest is exact

  // An upper bound of one instance's length, for skipping instances far before the window.
  seconds longest() const {
    return exact + days + duration.days + duration.time + date::days(1);
  }
};

// Everything with one UID in one VCALENDAR: the series (or single event) and its overrides.
struct Series {
  std::vector<const Component*> masters;
  std::vector<const Component*> overrides;
};

class CalendarReader {
 public:
  CalendarReader(const Component& vcalendar, Instant from, Instant to, const date::time_zone* school, BusyTimes& out)
      : vcalendar_(vcalendar), from_(from), to_(to), zones_(vcalendar, school), out_(out) {}

  void read() {
    std::map<std::string, Series> by_uid;
    std::vector<std::string> order;
    for (const Component& child : vcalendar_.children) {
      if (child.name != "VEVENT") continue;
      const Property* uid_property = child.property("UID");
      if (uid_property == nullptr) {
        problem("a VEVENT (line " + std::to_string(child.line) + ") has no UID; read on its own");
        read_series(child, {}, "");
        continue;
      }
      const std::string uid = unescape_text(uid_property->value);
      auto [it, added] = by_uid.try_emplace(uid);
      if (added) order.push_back(uid);
      (child.property("RECURRENCE-ID") != nullptr ? it->second.overrides : it->second.masters).push_back(&child);
    }
    for (const std::string& uid : order) {
      const Series& series = by_uid[uid];
      if (series.masters.size() > 1) problem(label(uid) + ": several VEVENTs without RECURRENCE-ID; each is read");
      for (const Component* master : series.masters) read_series(*master, series.overrides, uid);
      for (const Component* changed : series.overrides) read_override(*changed, uid);
    }
  }

 private:
  void problem(std::string message) { out_.problems.push_back(std::move(message)); }

  std::optional<Timing> timing(const Component& event, const std::string& uid) {
    const Property* start_property = event.property("DTSTART");
    if (start_property == nullptr) {
      problem(label(uid) + ": no DTSTART; left out");
      return std::nullopt;
    }
    auto start = parse_date_time(*start_property);
    if (!start) {
      problem(label(uid) + ": " + at_line(*start_property) + " is not a valid date or date-time; left out");
      return std::nullopt;
    }
    Timing t;
    t.start = *start;
    t.zone = &zones_.zone_of(*start_property, *start, out_.problems);
    if (const Property* end_property = event.property("DTEND")) {
      auto end = parse_date_time(*end_property);
      if (!end || end->is_date() != start->is_date()) {
        problem(label(uid) + ": " + at_line(*end_property) +
                (end ? " and DTSTART differ in value type" : " is not a valid date or date-time") + "; left out");
        return std::nullopt;
      }
      if (start->is_date()) {
        t.end = Timing::End::days;
        t.days = end->day() - start->day();
      } else {
        t.end = Timing::End::exact;
        t.exact = zones_.zone_of(*end_property, *end, out_.problems).to_utc(end->local) - t.zone->to_utc(start->local);
      }
      if (t.days < date::days(0) || t.exact < seconds(0)) {
        problem(label(uid) + ": DTEND is before DTSTART; left out");
        return std::nullopt;
      }
    } else if (const Property* duration_property = event.property("DURATION")) {
      auto duration = parse_duration(duration_property->value);
      if (!duration || duration->negative) {
        problem(label(uid) + ": " + at_line(*duration_property) +
                (duration ? " is negative" : " is not a valid duration") + "; left out");
        return std::nullopt;
      }
      t.end = Timing::End::duration;
      t.duration = *duration;
    } else if (start->is_date()) {
      t.end = Timing::End::days;  // an all-day event without an end lasts that day
      t.days = date::days(1);
    }
    return t;
  }

  // The instance starting at local time `start` (in the event's zone), as instants.
  std::pair<Instant, Instant> instance(const Timing& t, LocalTime start) const {
    if (t.start.is_date()) start = LocalTime(date::floor<date::days>(start));
    const Instant begin = t.zone->to_utc(start);
    switch (t.end) {
      case Timing::End::exact:
        return {begin, begin + t.exact};
      case Timing::End::days:
        return {begin, t.zone->to_utc(start + t.days)};
      case Timing::End::duration:
        return {begin, t.zone->to_utc(start + t.duration.days) + t.duration.time};
      case Timing::End::none:
        break;
    }
    return {begin, begin};  // no end and no duration: a moment, not busy time
  }

  void add(const Timing& t, LocalTime start, const std::string& uid) {
    auto [begin, end] = instance(t, start);
    if (begin >= to_ || end <= from_ || end <= begin) return;
    out_.busy.push_back({std::max(begin, from_), std::min(end, to_), uid});
  }

  void read_override(const Component& event, const std::string& uid) {
    const Property* id = event.property("RECURRENCE-ID");
    if (const std::string* range = id->param("RANGE"); range != nullptr && ascii_upper(*range) == "THISANDFUTURE") {
      problem(label(uid) + ": RECURRENCE-ID with RANGE=THISANDFUTURE is read as that one instance only");
    }
    if (is_free(event)) return;
    if (auto t = timing(event, uid)) add(*t, t->start.local, uid);
  }

  // Instances left out of a series: EXDATEs, and those an override replaces.
  struct Exclusions {
    std::set<Instant> instants;
    std::set<date::local_days> days;  // from DATE values
  };

  void exclude(const Property& property, const DateTime& value, Exclusions& out) {
    if (value.is_date()) {
      out.days.insert(value.day());
    } else {
      out.instants.insert(zones_.zone_of(property, value, out_.problems).to_utc(value.local));
    }
  }

  Exclusions exclusions(const Component& master, const std::vector<const Component*>& overrides, const std::string& uid) {
    Exclusions out;
    for (const Property* exdate : master.all("EXDATE")) {
      auto values = parse_date_time_list(*exdate);
      if (!values) {
        problem(label(uid) + ": " + at_line(*exdate) + " is not a list of dates or date-times; ignored");
        continue;
      }
      for (const DateTime& v : *values) exclude(*exdate, v, out);
    }
    for (const Component* changed : overrides) {
      const Property* id = changed->property("RECURRENCE-ID");
      auto value = parse_date_time(*id);
      if (!value) {
        problem(label(uid) + ": " + at_line(*id) + " is not a valid date or date-time");
        continue;
      }
      exclude(*id, *value, out);
    }
    return out;
  }

  void read_series(const Component& master, const std::vector<const Component*>& overrides, const std::string& uid) {
    if (is_free(master)) return;
    auto t = timing(master, uid);
    if (!t) return;
    const auto rules = master.all("RRULE");
    if (rules.empty()) {
      add(*t, t->start.local, uid);
      return;
    }
    if (rules.size() > 1) problem(label(uid) + ": several RRULEs; only the first is read");
    auto parsed = parse_rrule(rules.front()->value);
    if (const auto* error = std::get_if<std::string>(&parsed)) {
      problem(label(uid) + ": " + *error + "; only the first instance counts");
      add(*t, t->start.local, uid);
      return;
    }
    const auto& rule = std::get<RecurrenceRule>(parsed);
    if (!rule.expandable()) {
      problem(label(uid) + ": RRULE with " + rule.unsupported + " is not expanded; only the first instance counts");
    }
    if (master.property("RDATE") != nullptr) problem(label(uid) + ": RDATE is not read; its extra dates are missing");

    const Exclusions excluded = exclusions(master, overrides, uid);
    ExpansionLimits limits;
    limits.stop_after = LocalTime((to_ + kMaxZoneOffset).time_since_epoch());
    limits.skip_before = LocalTime((from_ - kMaxZoneOffset - t->longest()).time_since_epoch());
    auto past_until = [&](LocalTime start) {
      if (!rule.until) return false;
      switch (rule.until->kind) {
        case DateTime::Kind::utc:
          return t->zone->to_utc(start) > Instant(rule.until->local.time_since_epoch());
        case DateTime::Kind::date:
          return date::floor<date::days>(start) > rule.until->day();
        case DateTime::Kind::local:
          break;
      }
      return start > rule.until->local;
    };
    const bool complete = expand(rule, t->start.local, limits, past_until, [&](LocalTime start) {
      const date::local_days day = date::floor<date::days>(start);
      const Instant original = t->zone->to_utc(t->start.is_date() ? LocalTime(day) : start);
      if (excluded.days.contains(day) || excluded.instants.contains(original)) return;
      add(*t, start, uid);
    });
    if (!complete) {
      problem(label(uid) + ": more than " + std::to_string(limits.max_occurrences) +
              " occurrences before the window ends; later ones are left out");
    }
  }

  const Component& vcalendar_;
  Instant from_;
  Instant to_;
  ZoneResolver zones_;
  BusyTimes& out_;
};

}  // namespace

BusyTimes busy_times(std::string_view ics, Instant from, Instant to, const date::time_zone* school_zone) {
  BusyTimes out;
  Document doc = parse(ics);
  out.problems = std::move(doc.problems);
  for (const Component& top : doc.components) {
    if (top.name != "VCALENDAR") {
      out.problems.push_back("line " + std::to_string(top.line) + ": " + top.name.substr(0, 40) +
                             " outside of a VCALENDAR; ignored");
      continue;
    }
    CalendarReader(top, from, to, school_zone, out).read();
  }
  std::sort(out.busy.begin(), out.busy.end(), [](const BusyInterval& a, const BusyInterval& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  return out;
}

}  // namespace caldav::ical
