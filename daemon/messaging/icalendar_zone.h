// How an iCalendar document writes its times. A zone that follows the EU daylight-saving rule
// (summer time from the last Sunday of March to the last Sunday of October, switching at 01:00
// UTC, one hour ahead of standard time) in every year the document touches gets one VTIMEZONE in
// the RRULE form and TZID times; any other zone gets UTC times and no VTIMEZONE, which every
// client reads correctly. Offsets and names come from the tz database (date/tz), not from code.
#pragma once

#include "core/clock.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace date {
class time_zone;
}

namespace lobsync::messaging::ical {

struct EuRuleZone {
  std::chrono::seconds standard_offset{};  // e.g. +01:00 for Europe/Amsterdam
  std::chrono::seconds daylight_offset{};  // e.g. +02:00
  std::string standard_name, daylight_name;  // "CET", "CEST"
};

// The zone's EU-rule offsets when it follows the rule in every year of `years`, else nullopt.
std::optional<EuRuleZone> eu_rule_zone(const date::time_zone& zone, const std::vector<int>& years);

class ZoneWriter {
 public:
  // `instants` are every time the document will write with this writer. Throws MessageError
  // for a zone name the tz database does not know.
  ZoneWriter(std::string_view zone_name, const std::vector<Instant>& instants);

  bool uses_local_time() const { return rule_.has_value(); }
  // The VTIMEZONE component's content lines (unfolded, no line ends), empty for UTC.
  std::vector<std::string> vtimezone() const;
  // The same component folded, with line ends, as a document writes it; built once per zone,
  // rule and thread (every invitation of a plan carries the same one), empty for UTC.
  const std::string& folded_vtimezone() const;
  // "DTSTART;TZID=Europe/Amsterdam:20261201T150000", or "DTSTART:20261201T140000Z" when the
  // zone is written as UTC or the local time falls in the autumn hour that happens twice, which
  // parsers resolve differently.
  std::string property(std::string_view name, Instant t) const;

 private:
  std::string name_;
  const date::time_zone* zone_ = nullptr;
  std::optional<EuRuleZone> rule_;
};

// 20261122T100000Z
std::string utc_date_time(Instant t);

}  // namespace lobsync::messaging::ical
