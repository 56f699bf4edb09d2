#include "planning/school_calendar.h"

#include "domain/school_holidays.h"
#include "planning/public_holidays.h"

#include <date/iso_week.h>

#include <algorithm>

namespace lobsync::planning {

using namespace std::chrono;

namespace {

SchoolYear year_from(date::sys_days start, date::sys_days end) {
  SchoolYear y{start, end, {}};
  const auto a = static_cast<int>(date::year_month_day{start}.year());
  const auto b = static_cast<int>(date::year_month_day{end}.year());
  y.label = std::to_string(a) + "-" + std::to_string(a == b ? b + 1 : b);
  return y;
}

}  // namespace

SchoolYear school_year_for(const domain::Policy& policy, date::sys_days today) {
  if (policy.has_school_year) return year_from(date::sys_days{policy.year_start}, date::sys_days{policy.year_end});
  const date::year_month_day ymd{today};
  const auto first = ymd.month() >= date::August ? ymd.year() : ymd.year() - date::years{1};
  return year_from(date::sys_days{first / date::August / 1}, date::sys_days{(first + date::years{1}) / date::July / 31});
}

bool conversation_day(const domain::Policy& policy, date::sys_days day) {
  const date::weekday wd{day};
  if (std::find(policy.weekdays.begin(), policy.weekdays.end(), wd) == policy.weekdays.end()) return false;
  for (const auto& h : policy.holidays)
    if (day >= date::sys_days{h.from} && day <= date::sys_days{h.to}) return false;
  for (const auto& c : policy.closed_days)
    if (day == date::sys_days{c}) return false;
  return !(policy.public_holidays && public_holiday(day));
}

date::sys_days monday_of_week(date::sys_days day) {
  return day - (date::weekday{day} - date::Monday);
}

namespace {

// A holiday belongs to the school year it begins in: a summer vacation reaching into August is
// the year before's.
bool has_holiday(const domain::Policy& policy, const SchoolYear& year) {
  return std::any_of(policy.holidays.begin(), policy.holidays.end(), [&](const domain::DateRange& h) {
    return date::sys_days{h.from} >= year.start && date::sys_days{h.from} <= year.end;
  });
}

std::string missing_holidays(const domain::Policy& policy, const SchoolYear& year) {
  const std::string risk = ": conversations may be planned in the school's vacation weeks (public holidays are left out anyway); ";
  if (policy.holiday_region.empty())
    return "planning.holidays lists no holiday in school year " + year.label + risk +
           "set school.region (noord, midden or zuid) to use the national dates, or type the holidays";
  return "the shipped school holidays of region " + policy.holiday_region + " run from " +
         std::string(domain::first_shipped_school_year()) + " to " + std::string(domain::last_shipped_school_year()) +
         " and planning.holidays lists none in " + year.label + risk +
         "install a newer lobsync or type that year's holidays under planning.holidays";
}

}  // namespace

std::vector<std::string> holidays_missing_warnings(const domain::Policy& policy, date::sys_days today) {
  std::vector<std::string> out;
  const auto year = school_year_for(policy, today);
  if (!has_holiday(policy, year)) out.push_back(missing_holidays(policy, year));
  if (today + date::weeks{13} > year.end) {
    // The next school year as the planner will see it: this one a calendar year on.
    const auto next = year_from(date::sys_days{date::year_month_day{year.start} + date::years{1}},
                                date::sys_days{date::year_month_day{year.end} + date::years{1}});
    if (!has_holiday(policy, next)) out.push_back(missing_holidays(policy, next));
  }
  return out;
}

namespace {

date::sys_days monday_of(int iso_year, int week) {
  // ISO weeks 53 do not exist in every year; such a week is the first week of the next year.
  const auto y = iso_week::year{iso_year};
  const int weeks = static_cast<int>(static_cast<unsigned>((y / iso_week::last).weeknum()));
  if (week > weeks) return date::sys_days{(y + iso_week::years{1}) / iso_week::weeknum{1} / iso_week::mon};
  return date::sys_days{y / iso_week::weeknum{static_cast<unsigned>(week)} / iso_week::mon};
}

int calendar_year_of_week(int week, const SchoolYear& year) {
  const int first = static_cast<int>(date::year_month_day{year.start}.year());
  return week >= 31 ? first : first + 1;
}

}  // namespace

std::pair<date::sys_days, date::sys_days> type_window(const domain::ConversationType& type, const SchoolYear& year) {
  auto from = monday_of(calendar_year_of_week(type.week_from, year), type.week_from);
  auto to = monday_of(calendar_year_of_week(type.week_to, year), type.week_to) + date::days{6};
  from = std::max(from, year.start);
  to = std::min(to, year.end);
  return {from, to};
}

Instant at_local(const date::time_zone* zone, date::sys_days day, domain::MinuteOfDay minute) {
  const date::local_days local{day.time_since_epoch()};
  const auto wall = local + minutes{minute};
  const auto info = zone->get_info(wall);
  if (info.result == date::local_info::nonexistent) {
    // The clock jumps forward over this time: take the moment the gap ends.
    return time_point_cast<milliseconds>(info.second.begin);
  }
  // Ambiguous (autumn): the first occurrence.
  return time_point_cast<milliseconds>(date::sys_seconds{wall.time_since_epoch()} - info.first.offset);
}

date::sys_days local_day(const date::time_zone* zone, Instant t) {
  const auto local = zone->to_local(t);
  return date::sys_days{date::floor<date::days>(local).time_since_epoch()};
}

domain::MinuteOfDay local_minute(const date::time_zone* zone, Instant t) {
  const auto local = zone->to_local(t);
  const auto since = local - date::floor<date::days>(local);
  return static_cast<domain::MinuteOfDay>(duration_cast<minutes>(since).count());
}

}  // namespace lobsync::planning
