// Turns the local times of one calendar object into instants: TZID through the system's tz
// database (Howard Hinnant's date/tz), else through the object's own VTIMEZONE when its rules
// are simple (fixed offsets, or yearly "n-th weekday of a month" changes, as Outlook and most
// servers write them), else the school's zone with a problem saying so.
//
// Local times that occur twice (the October change) mean the first occurrence, and local
// times that do not exist (the March change) are read with the offset from before the gap,
// both as RFC 5545 §3.3.5 says.
#pragma once

#include "ical_reader.hpp"
#include "ical_time.hpp"

#include <date/tz.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caldav::ical {

// The rules of a VTIMEZONE component, when they are simple enough to apply.
class VTimezoneRules {
 public:
  // nullptr when the component uses RDATE, several or ordinal-free BYDAY values, other RRULE
  // parts, or lacks DTSTART / TZOFFSETFROM / TZOFFSETTO.
  static std::shared_ptr<const VTimezoneRules> from(const Component& vtimezone);
  Instant to_utc(LocalTime local) const;

  struct Observance {
    LocalTime start;  // DTSTART, in the offset before the change
    std::chrono::seconds offset_from{0};
    std::chrono::seconds offset_to{0};
    bool yearly = false;  // RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nWD (n may be negative)
    unsigned month = 0;
    int ordinal = 0;
    date::weekday weekday;
    std::optional<LocalTime> until;
  };

 private:
  struct Change {
    LocalTime onset;  // wall-clock time of the change in the offset before it
    std::chrono::seconds from{0};
    std::chrono::seconds to{0};
  };
  std::vector<Change> changes_near(date::year year) const;

  std::vector<Observance> observances_;
};

class TimeZone {
 public:
  static TimeZone utc() { return TimeZone(); }
  static TimeZone iana(const date::time_zone* zone) {
    TimeZone z;
    z.iana_ = zone;
    return z;
  }
  static TimeZone rules(std::shared_ptr<const VTimezoneRules> rules) {
    TimeZone z;
    z.rules_ = std::move(rules);
    return z;
  }

  Instant to_utc(LocalTime local) const;
  // The day's midnight in this zone, as an instant (for all-day events).
  Instant start_of(date::local_days day) const { return to_utc(LocalTime(day)); }

 private:
  const date::time_zone* iana_ = nullptr;
  std::shared_ptr<const VTimezoneRules> rules_;
};

// Resolves the TZIDs of one VCALENDAR, each once; problems go to the caller's list.
class ZoneResolver {
 public:
  ZoneResolver(const Component& vcalendar, const date::time_zone* school_zone);

  // The zone of a DATE-TIME value: UTC for "Z" values, TZID's zone, else (floating, and DATE
  // values) the school's zone.
  const TimeZone& zone_of(const Property& property, const DateTime& value, std::vector<std::string>& problems);
  const TimeZone& school() const { return school_; }

 private:
  const TimeZone& resolve(const std::string& tzid, std::vector<std::string>& problems);

  const Component& vcalendar_;
  TimeZone school_;
  std::string school_name_;
  TimeZone utc_ = TimeZone::utc();
  std::map<std::string, TimeZone> resolved_;
};

}  // namespace caldav::ical
