// Dates and times in words, in the reader's language: the names of weekdays and months and the
// order of the parts come from the translation files (date.*), so a new language needs no code.
#include "messaging/message_error.h"
#include "messaging/translations.h"

#include <date/tz.h>
#include <lobsync/dates.hpp>
#include <fmt/format.h>

namespace lobsync::messaging {
namespace {

struct LocalParts {
  date::local_days day;
  std::string time;  // "15:00"
};

LocalParts local_parts(const date::time_zone* zone, Instant t) {
  const auto local = zone->to_local(date::floor<std::chrono::minutes>(t));
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss clock{local - day};
  return {day, fmt::format("{:02}:{:02}", clock.hours().count(), clock.minutes().count())};
}

// date.format.day: "{weekday} {day} {month} {year}" → "dinsdag 1 december 2026".
std::string day_text(const Translations& t, std::string_view language, date::local_days day, std::string_view format_key) {
  const date::year_month_day ymd{day};
  const date::weekday weekday{day};
  return t.text(language, format_key,
                {{"weekday", t.text(language, "date.weekday." + std::to_string(weekday.iso_encoding()))},
                 {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                 {"month", t.text(language, "date.month." + std::to_string(static_cast<unsigned>(ymd.month())))},
                 {"year", std::to_string(static_cast<int>(ymd.year()))}});
}

}  // namespace

std::string format_date_time(const Translations& t, std::string_view language, Instant start, Instant end,
                             std::string_view time_zone) {
  const auto* zone = message_zone(time_zone);
  const LocalParts from = local_parts(zone, start);
  const LocalParts to = local_parts(zone, end);
  if (from.day == to.day) {
    return t.text(language, "date.format.range",
                  {{"date", day_text(t, language, from.day, "date.format.day")}, {"start", from.time}, {"end", to.time}});
  }
  return t.text(language, "date.format.range_days",
                {{"start_date", day_text(t, language, from.day, "date.format.day")},
                 {"start", from.time},
                 {"end_date", day_text(t, language, to.day, "date.format.day")},
                 {"end", to.time}});
}

std::string format_day_time(const Translations& t, std::string_view language, Instant start, std::string_view time_zone) {
  const LocalParts from = local_parts(message_zone(time_zone), start);
  return t.text(language, "date.format.day_time",
                {{"date", day_text(t, language, from.day, "date.format.day_short")}, {"start", from.time}});
}

std::string format_moment(const Translations& t, std::string_view language, Instant at, std::string_view time_zone) {
  const LocalParts local = local_parts(message_zone(time_zone), at);
  return t.text(language, "date.format.day_time",
                {{"date", day_text(t, language, local.day, "date.format.day")}, {"start", local.time}});
}

std::string format_date(const Translations& t, std::string_view language, std::string_view iso_date) {
  const auto day = sdk::parse_iso_date(iso_date);
  if (!day) return std::string(iso_date);
  return day_text(t, language, date::local_days{*day}, "date.format.day");
}

}  // namespace lobsync::messaging
