#include "messaging/icalendar_zone.h"

#include "messaging/icalendar_text.h"
#include "messaging/message_error.h"

#include <date/tz.h>
#include <fmt/format.h>

#include <map>
#include <set>

namespace lobsync::messaging::ical {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

// The EU switches at 01:00 UTC on the last Sunday of March and of October.
date::sys_seconds eu_switch(int year, date::month month) {
  const date::sys_days day{date::year{year} / month / date::Sunday[date::last]};
  return day + hours(1);
}

std::string offset_text(seconds offset) {
  const char sign = offset < seconds(0) ? '-' : '+';
  const auto total = std::chrono::abs(offset);
  const auto h = std::chrono::duration_cast<hours>(total).count();
  const auto m = std::chrono::duration_cast<std::chrono::minutes>(total - hours(h)).count();
  return fmt::format("{}{:02}{:02}", sign, h, m);
}

// "19700329T020000": the 1970 transition in local time before the switch, as the RRULE's start.
std::string rule_start(date::month month, seconds offset_before) {
  const auto local = eu_switch(1970, month) + offset_before;
  return date::format("%Y%m%dT%H%M%S", local);
}

bool follows_rule_in(const date::time_zone& zone, int year, EuRuleZone& seen, bool first) {
  const auto spring = eu_switch(year, date::March);
  const auto autumn = eu_switch(year, date::October);
  const auto next_spring = eu_switch(year + 1, date::March);
  const date::sys_info winter_before = zone.get_info(spring - seconds(1));
  const date::sys_info summer = zone.get_info(spring);
  const date::sys_info winter = zone.get_info(autumn);
  const bool shape = winter_before.end == spring && summer.begin == spring && summer.end == autumn &&
                     winter.begin == autumn && winter.end == next_spring &&
                     winter_before.offset == winter.offset && summer.offset == winter.offset + hours(1);
  if (!shape) return false;
  if (first) {
    seen = {winter.offset, summer.offset, winter.abbrev, summer.abbrev};
    return true;
  }
  return seen.standard_offset == winter.offset && seen.standard_name == winter.abbrev &&
         seen.daylight_name == summer.abbrev;
}

// "20261201T150000": what date::format("%Y%m%dT%H%M%S", t) writes, without its stream, which
// cost more than the rest of an invitation's calendar. Years outside 1000-9999 go to date::format.
template <class Clock>
std::string compact_date_time(std::chrono::time_point<Clock, seconds> t) {
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{date::sys_days{day.time_since_epoch()}};
  const date::hh_mm_ss<seconds> time{t - day};
  const int year = static_cast<int>(ymd.year());
  if (year < 1000 || year > 9999) return date::format("%Y%m%dT%H%M%S", t);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}", year, static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

}  // namespace

std::optional<EuRuleZone> eu_rule_zone(const date::time_zone& zone, const std::vector<int>& years) {
  EuRuleZone rule;
  bool first = true;
  for (const int year : years) {
    if (!follows_rule_in(zone, year, rule, first)) return std::nullopt;
    first = false;
  }
  if (first) return std::nullopt;
  return rule;
}

ZoneWriter::ZoneWriter(std::string_view zone_name, const std::vector<Instant>& instants)
    : name_(zone_name), zone_(message_zone(zone_name)) {
  // A time in January follows the rule of the previous October, so check the year before too.
  std::set<int> years;
  for (const Instant t : instants) {
    const int year = static_cast<int>(date::year_month_day(date::floor<date::days>(t)).year());
    years.insert(year - 1);
    years.insert(year);
  }
  if (instants.empty()) {
    // Nothing is written in local time, but a feed without events still gets its VTIMEZONE so
    // the object is not empty; judge the zone by the current year.
    const auto now = std::chrono::system_clock::now();
    years.insert(static_cast<int>(date::year_month_day(date::floor<date::days>(now)).year()));
  }
  rule_ = eu_rule_zone(*zone_, {years.begin(), years.end()});
}

std::vector<std::string> ZoneWriter::vtimezone() const {
  if (!rule_) return {};
  const EuRuleZone& r = *rule_;
  return {
      "BEGIN:VTIMEZONE",
      "TZID:" + escape_text(name_),
      "BEGIN:DAYLIGHT",
      "TZOFFSETFROM:" + offset_text(r.standard_offset),
      "TZOFFSETTO:" + offset_text(r.daylight_offset),
      "TZNAME:" + escape_text(r.daylight_name),
      "DTSTART:" + rule_start(date::March, r.standard_offset),
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "TZOFFSETFROM:" + offset_text(r.daylight_offset),
      "TZOFFSETTO:" + offset_text(r.standard_offset),
      "TZNAME:" + escape_text(r.standard_name),
      "DTSTART:" + rule_start(date::October, r.daylight_offset),
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
      "END:STANDARD",
      "END:VTIMEZONE",
  };
}

const std::string& ZoneWriter::folded_vtimezone() const {
  static const std::string none;
  if (!rule_) return none;
  thread_local std::map<std::string, std::string> built;
  const EuRuleZone& r = *rule_;
  const auto key = fmt::format("{}\n{}\n{}\n{}\n{}", name_, r.standard_offset.count(), r.daylight_offset.count(),
                               r.standard_name, r.daylight_name);
  auto [it, added] = built.try_emplace(key);
  if (added)
    for (const auto& line : vtimezone()) append_folded(it->second, line);
  return it->second;
}

std::string ZoneWriter::property(std::string_view name, Instant t) const {
  const auto utc = date::floor<seconds>(t);
  if (rule_) {
    const auto local = zone_->to_local(utc);
    // An autumn hour happens twice. RFC 5545 §3.3.5 reads such a TZID time as the first pass,
    // but parsers differ (python-icalendar takes the second), so both passes are written in UTC.
    if (zone_->get_info(local).result == date::local_info::unique) {
      return fmt::format("{};TZID={}:{}", name, param_value(name_), compact_date_time(local));
    }
  }
  return fmt::format("{}:{}", name, utc_date_time(t));
}

std::string utc_date_time(Instant t) { return compact_date_time(date::floor<seconds>(t)) + "Z"; }

}  // namespace lobsync::messaging::ical
