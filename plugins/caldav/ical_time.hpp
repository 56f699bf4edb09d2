// iCalendar DATE, DATE-TIME and DURATION values (RFC 5545 §3.3.4, 3.3.5, 3.3.6) as written,
// before a time zone turns local times into instants (time_zones.hpp does that).
#pragma once

#include "ical_reader.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caldav::ical {

using Instant = date::sys_seconds;    // UTC
using LocalTime = date::local_seconds;  // a wall-clock time in some zone

struct DateTime {
  enum class Kind {
    date,   // VALUE=DATE: a whole day; `local` is its midnight
    utc,    // ends in Z; `local` holds the UTC wall-clock time
    local,  // with TZID, or floating (neither TZID nor Z)
  };
  Kind kind = Kind::local;
  LocalTime local{};

  bool is_date() const { return kind == Kind::date; }
  date::local_days day() const { return date::floor<date::days>(local); }
  bool operator==(const DateTime&) const = default;
};

// "20261201" (date_only) or "20261201T150000" / "20261201T150000Z". nullopt when malformed or
// not a real day or time (20260230, T250000); leap second 60 is read as 59.
std::optional<DateTime> parse_date_time(std::string_view text, bool date_only);

// The value of DTSTART, DTEND, RECURRENCE-ID and the like: VALUE=DATE or an 8-character value
// is a DATE, anything else a DATE-TIME.
std::optional<DateTime> parse_date_time(const Property& property);

// Every value of a list property such as EXDATE or RDATE ("a,b,c"); nullopt if any is bad.
std::optional<std::vector<DateTime>> parse_date_time_list(const Property& property);

// A DURATION: weeks and days are nominal (they follow the wall clock across a DST change),
// hours, minutes and seconds exact (RFC 5545 §3.3.6).
struct Duration {
  bool negative = false;
  date::days days{0};
  std::chrono::seconds time{0};
  bool operator==(const Duration&) const = default;
};

// "P1W", "PT50M", "-P1DT2H", "P15DT5H0M20S". nullopt when malformed (also "P", "PT", "P1H").
std::optional<Duration> parse_duration(std::string_view text);

// ISO 8601 UTC as lobsync exchanges instants: "2026-12-07T08:00:00Z".
std::string format_instant(Instant instant);
std::optional<Instant> parse_instant(std::string_view text);
// The form CalDAV time-range filters use: "20261207T080000Z".
std::string format_ical_utc(Instant instant);

}  // namespace caldav::ical
