#include "recurrence.hpp"

#include <lobsync/ascii.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>

namespace caldav::ical {

namespace {

using lobsync::sdk::ascii_upper;

constexpr int kMaxInterval = 1000;
constexpr long long kMaxCount = 1'000'000'000;

std::optional<date::weekday> weekday_named(std::string_view two) {
  static constexpr std::string_view names[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  for (unsigned k = 0; k < 7; ++k) {
    if (two == names[k]) return date::weekday(k);
  }
  return std::nullopt;
}

std::optional<long long> positive_number(std::string_view text, long long max) {
  long long n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > max) return std::nullopt;
  return n;
}

}  // namespace

std::variant<RecurrenceRule, std::string> parse_rrule(std::string_view text) {
  RecurrenceRule rule;
  const std::string rule_text = ascii_upper(text);
  std::string_view rest = rule_text;
  auto mark_unsupported = [&](const std::string& why) {
    if (rule.unsupported.empty()) rule.unsupported = why;
  };
  while (!rest.empty()) {
    const std::size_t semicolon = rest.find(';');
    const std::string_view part = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    if (part.empty()) continue;
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) return std::string("a part without '=' in RRULE");
    const std::string key(part.substr(0, equals));
    const std::string_view value = part.substr(equals + 1);
    if (key == "FREQ") {
      static constexpr std::string_view known[] = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY",
                                                   "WEEKLY",   "MONTHLY",  "YEARLY"};
      if (std::find(std::begin(known), std::end(known), value) == std::end(known)) {
        return std::string("RRULE FREQ is not a frequency");
      }
      rule.freq = std::string(value);
      if (value != "DAILY" && value != "WEEKLY") mark_unsupported("FREQ=" + rule.freq);
    } else if (key == "INTERVAL") {
      auto n = positive_number(value, kMaxInterval);
      if (!n) return "RRULE INTERVAL must be a number from 1 to " + std::to_string(kMaxInterval);
      rule.interval = static_cast<int>(*n);
    } else if (key == "COUNT") {
      auto n = positive_number(value, kMaxCount);
      if (!n) return std::string("RRULE COUNT must be a positive number");
      rule.count = *n;
    } else if (key == "UNTIL") {
      auto until = parse_date_time(value, value.size() == 8);
      if (!until) return std::string("RRULE UNTIL is not a date or date-time");
      rule.until = *until;
    } else if (key == "BYDAY") {
      std::string_view days = value;
      while (true) {
        const std::size_t comma = days.find(',');
        const std::string_view day = days.substr(0, comma);
        if (day.size() < 2 || !weekday_named(day.substr(day.size() - 2))) {
          return std::string("RRULE BYDAY holds something that is not a weekday");
        }
        if (day.size() > 2) {
          mark_unsupported("BYDAY with a position (" + std::string(day) + ")");
        } else {
          rule.by_day.push_back(*weekday_named(day));
        }
        if (comma == std::string_view::npos) break;
        days.remove_prefix(comma + 1);
      }
    } else if (key == "WKST") {
      auto day = weekday_named(value);
      if (!day) return std::string("RRULE WKST is not a weekday");
      rule.week_start = *day;
    } else if (key.starts_with("BY") || key.starts_with("X-")) {
      mark_unsupported(key);
    } else {
      return "RRULE has an unknown part " + key.substr(0, 20);
    }
  }
  if (rule.freq.empty()) return std::string("RRULE has no FREQ");
  return rule;
}

bool expand(const RecurrenceRule& rule, LocalTime dtstart, const ExpansionLimits& limits,
            const std::function<bool(LocalTime)>& past_until, const std::function<void(LocalTime)>& occurrence) {
  long long emitted = 0;
  // False when the series has ended: past the window, past UNTIL, or COUNT reached.
  auto offer = [&](LocalTime start) {
    if (start > limits.stop_after || past_until(start) || (rule.count && emitted >= *rule.count)) return false;
    ++emitted;
    occurrence(start);
    return true;
  };
  if (!offer(dtstart) || !rule.expandable()) return true;

  const bool weekly = rule.freq == "WEEKLY";
  const date::local_days first_day = date::floor<date::days>(dtstart);
  const auto time_of_day = dtstart - LocalTime(first_day);
  const long long period_days = (weekly ? 7LL : 1LL) * rule.interval;
  // A weekly rule's periods are weeks that begin on WKST.
  const date::local_days base = weekly ? first_day - (date::weekday(first_day) - rule.week_start) : first_day;

  std::vector<date::days> offsets;  // the days of a period that hold an occurrence
  if (weekly) {
    std::vector<date::weekday> days = rule.by_day;
    if (days.empty()) days.push_back(date::weekday(first_day));
    for (const auto& d : days) offsets.push_back(d - rule.week_start);
    std::sort(offsets.begin(), offsets.end());
    offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  } else {
    offsets.push_back(date::days(0));
  }
  auto day_allowed = [&](date::local_days day) {
    if (weekly || rule.by_day.empty()) return true;  // BYDAY limits a daily rule
    return std::find(rule.by_day.begin(), rule.by_day.end(), date::weekday(day)) != rule.by_day.end();
  };

  long long period = 0;
  if (!rule.count && limits.skip_before > dtstart) {
    const long long span = (limits.skip_before - dtstart).count() / (period_days * 86'400);
    period = std::max(0LL, span - 1);
  }
  for (std::size_t examined = 0; examined < limits.max_occurrences; ++examined, ++period) {
    const date::local_days period_start = base + date::days(static_cast<int>(period * period_days));
    for (const auto& offset : offsets) {
      const date::local_days day = period_start + offset;
      const LocalTime start = LocalTime(day) + time_of_day;
      if (start <= dtstart) continue;
      if (start > limits.stop_after) return true;
      if (!day_allowed(day)) continue;
      if (!offer(start)) return true;
    }
  }
  return false;
}

}  // namespace caldav::ical
