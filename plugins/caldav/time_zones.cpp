#include "time_zones.hpp"

#include <algorithm>
#include <charconv>

namespace caldav::ical {

namespace {

// "+0100", "-0500", "+053000".
std::optional<std::chrono::seconds> parse_offset(std::string_view text) {
  if ((text.size() != 5 && text.size() != 7) || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  int fields[3] = {0, 0, 0};
  for (std::size_t k = 0; k * 2 + 1 < text.size(); ++k) {
    const char* first = text.data() + 1 + 2 * k;
    if (first[0] < '0' || first[0] > '9' || first[1] < '0' || first[1] > '9') return std::nullopt;
    std::from_chars(first, first + 2, fields[k]);
  }
  if (fields[0] > 23 || fields[1] > 59 || fields[2] > 59) return std::nullopt;
  const std::chrono::seconds magnitude(fields[0] * 3600 + fields[1] * 60 + fields[2]);
  return text[0] == '-' ? -magnitude : magnitude;
}

std::optional<date::weekday> parse_weekday(std::string_view two) {
  static constexpr std::string_view names[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  for (unsigned k = 0; k < 7; ++k) {
    if (two == names[k]) return date::weekday(k);
  }
  return std::nullopt;
}

// The rule of an observance: FREQ=YEARLY;BYMONTH=m;BYDAY=nWD with optional UNTIL and
// INTERVAL=1. False when it is anything else.
bool read_yearly_rule(std::string_view rule, VTimezoneRules::Observance& out) {
  bool yearly = false;
  while (!rule.empty()) {
    const std::size_t semicolon = rule.find(';');
    const std::string_view part = rule.substr(0, semicolon);
    rule = semicolon == std::string_view::npos ? std::string_view() : rule.substr(semicolon + 1);
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) return false;
    const std::string_view key = part.substr(0, equals);
    const std::string_view value = part.substr(equals + 1);
    if (key == "FREQ") {
      yearly = value == "YEARLY";
    } else if (key == "BYMONTH") {
      unsigned month = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), month);
      if (ec != std::errc() || end != value.data() + value.size() || month < 1 || month > 12) return false;
      out.month = month;
    } else if (key == "BYDAY") {
      if (value.size() < 3) return false;
      auto weekday = parse_weekday(value.substr(value.size() - 2));
      std::string_view number = value.substr(0, value.size() - 2);
      if (!number.empty() && number.front() == '+') number.remove_prefix(1);
      int ordinal = 0;
      const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), ordinal);
      if (!weekday || ec != std::errc() || end != number.data() + number.size() || ordinal == 0 || ordinal < -5 ||
          ordinal > 5) {
        return false;
      }
      out.weekday = *weekday;
      out.ordinal = ordinal;
    } else if (key == "UNTIL") {
      auto until = parse_date_time(value, value.size() == 8);
      if (!until) return false;
      out.until = until->local;
    } else if (key != "INTERVAL" || value != "1") {
      return false;
    }
  }
  out.yearly = yearly && out.month != 0 && out.ordinal != 0;
  return out.yearly;
}

// The n-th (or, negative, n-th last) weekday of a month; nullopt when the month has none.
std::optional<date::local_days> nth_weekday(date::year year, unsigned month, date::weekday weekday, int n) {
  const date::month m(month);
  if (n > 0) {
    const date::year_month_weekday day{year, m, weekday[static_cast<unsigned>(n)]};
    if (!day.ok()) return std::nullopt;
    return date::local_days(day);
  }
  const date::local_days last(date::year_month_weekday_last{year, m, weekday[date::last]});
  const date::local_days day = last - date::days(7 * (-n - 1));
  if (date::year_month_day(day).month() != m) return std::nullopt;
  return day;
}

}  // namespace

std::shared_ptr<const VTimezoneRules> VTimezoneRules::from(const Component& vtimezone) {
  auto rules = std::make_shared<VTimezoneRules>();
  for (const Component& child : vtimezone.children) {
    if (child.name != "STANDARD" && child.name != "DAYLIGHT") continue;
    const Property* start = child.property("DTSTART");
    const Property* from = child.property("TZOFFSETFROM");
    const Property* to = child.property("TZOFFSETTO");
    if (start == nullptr || from == nullptr || to == nullptr || child.property("RDATE") != nullptr) return nullptr;
    Observance observance;
    auto start_value = parse_date_time(*start);
    auto from_value = parse_offset(from->value);
    auto to_value = parse_offset(to->value);
    if (!start_value || start_value->kind != DateTime::Kind::local || !from_value || !to_value) return nullptr;
    observance.start = start_value->local;
    observance.offset_from = *from_value;
    observance.offset_to = *to_value;
    const auto rrules = child.all("RRULE");
    if (rrules.size() > 1) return nullptr;
    if (rrules.size() == 1 && !read_yearly_rule(rrules.front()->value, observance)) return nullptr;
    rules->observances_.push_back(observance);
  }
  if (rules->observances_.empty()) return nullptr;
  return rules;
}

std::vector<VTimezoneRules::Change> VTimezoneRules::changes_near(date::year year) const {
  std::vector<Change> changes;
  for (const Observance& o : observances_) {
    changes.push_back({o.start, o.offset_from, o.offset_to});
    if (!o.yearly) continue;
    const auto time_of_day = o.start - LocalTime(date::floor<date::days>(o.start));
    for (date::year y = year - date::years(1); y <= year + date::years(1); ++y) {
      auto day = nth_weekday(y, o.month, o.weekday, o.ordinal);
      if (!day) continue;
      const LocalTime onset = LocalTime(*day) + time_of_day;
      if (onset <= o.start || (o.until && onset > *o.until)) continue;
      changes.push_back({onset, o.offset_from, o.offset_to});
    }
  }
  std::sort(changes.begin(), changes.end(), [](const Change& a, const Change& b) { return a.onset < b.onset; });
  return changes;
}

Instant VTimezoneRules::to_utc(LocalTime local) const {
  const auto changes = changes_near(date::year_month_day(date::floor<date::days>(local)).year());
  const Change* last = nullptr;
  for (const Change& c : changes) {
    if (c.onset <= local) last = &c;
  }
  std::chrono::seconds offset = changes.front().from;  // before every known change
  if (last != nullptr) {
    const bool in_gap = last->to > last->from && local < last->onset + (last->to - last->from);
    offset = in_gap ? last->from : last->to;
  }
  return Instant(local.time_since_epoch() - offset);
}

Instant TimeZone::to_utc(LocalTime local) const {
  if (iana_ != nullptr) {
    // For a time in the spring gap `first` is the offset before it; for a time that occurs
    // twice it is the first occurrence.
    const auto info = iana_->get_info(local);
    return Instant(local.time_since_epoch() - info.first.offset);
  }
  if (rules_) return rules_->to_utc(local);
  return Instant(local.time_since_epoch());
}

ZoneResolver::ZoneResolver(const Component& vcalendar, const date::time_zone* school_zone)
    : vcalendar_(vcalendar), school_(TimeZone::iana(school_zone)), school_name_(std::string(school_zone->name())) {}

const TimeZone& ZoneResolver::zone_of(const Property& property, const DateTime& value,
                                      std::vector<std::string>& problems) {
  if (value.kind == DateTime::Kind::utc) return utc_;
  if (value.kind == DateTime::Kind::date) return school_;
  const std::string* tzid = property.param("TZID");
  if (tzid == nullptr) return school_;  // floating time: the school's local time
  return resolve(*tzid, problems);
}

const TimeZone& ZoneResolver::resolve(const std::string& tzid, std::vector<std::string>& problems) {
  if (auto it = resolved_.find(tzid); it != resolved_.end()) return it->second;
  // A leading '/' marks a globally unique name (RFC 5545 §3.2.19); the tz database has none.
  const std::string name = tzid.starts_with('/') ? tzid.substr(1) : tzid;
  const std::string shown = name.size() <= 60 ? name : name.substr(0, 60) + "...";
  try {
    return resolved_.emplace(tzid, TimeZone::iana(date::locate_zone(name))).first->second;
  } catch (const std::exception&) {
    // not in the tz database: Outlook's "W. Europe Standard Time" and the like
  }
  for (const Component& child : vcalendar_.children) {
    const Property* id = child.property("TZID");
    if (child.name != "VTIMEZONE" || id == nullptr || id->value != tzid) continue;
    if (auto rules = VTimezoneRules::from(child)) {
      return resolved_.emplace(tzid, TimeZone::rules(std::move(rules))).first->second;
    }
    problems.push_back("TZID '" + shown + "' has VTIMEZONE rules this reader cannot apply; its times are read as " +
                       school_name_);
    return resolved_.emplace(tzid, school_).first->second;
  }
  problems.push_back("TZID '" + shown + "' is unknown and has no VTIMEZONE; its times are read as " + school_name_);
  return resolved_.emplace(tzid, school_).first->second;
}

}  // namespace caldav::ical
