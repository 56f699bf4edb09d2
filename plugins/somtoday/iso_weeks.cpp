#include "iso_weeks.hpp"

#include <lobsync/dates.hpp>

#include <algorithm>

namespace somtoday {

namespace {

using date::days;
using date::local_days;
using date::sys_days;

local_days local_day(lobsync::sdk::UtcSeconds t) {
  return date::floor<days>(date::make_zoned(school_zone(), t).get_local_time());
}

local_days monday_of(local_days day) {
  const date::weekday wd{day};
  return day - (wd - date::Monday);
}

int iso_week_number(local_days monday) {
  // The ISO year is the year of the week's Thursday; week 1 holds that year's 4 January.
  const auto thursday = date::year_month_day(monday + days(3));
  const local_days jan4{thursday.year() / date::January / 4};
  return static_cast<int>((monday - monday_of(jan4)).count() / 7) + 1;
}

}  // namespace

const date::time_zone* school_zone() { return date::locate_zone("Europe/Amsterdam"); }

WeekRange weeks_between(lobsync::sdk::UtcSeconds from, lobsync::sdk::UtcSeconds to, int max_weeks) {
  WeekRange out;
  const local_days first = monday_of(local_day(from));
  const local_days last = monday_of(local_day(to - std::chrono::seconds(1)));
  const auto count = std::min<long long>((last - first).count() / 7 + 1, max_weeks);
  for (long long i = 0; i < count; ++i) {
    const local_days monday = first + days(7 * i);
    out.weeks.push_back({iso_week_number(monday), lobsync::sdk::format_iso_date(date::year_month_day(monday))});
  }
  const local_days end = first + days(7 * count);
  const auto end_utc = lobsync::sdk::local_to_utc(date::local_seconds(end), school_zone()).instant;
  out.read_until = end_utc ? std::min(*end_utc, to) : to;
  return out;
}

}  // namespace somtoday
