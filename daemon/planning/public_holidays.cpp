#include "planning/public_holidays.h"

namespace lobsync::planning {

// Declarations, not a directive: a unity build puts this file after others that use
// std::chrono, whose sys_days, year and days would otherwise be ambiguous with date's.
using date::April;
using date::day;
using date::days;
using date::June;
using date::March;
using date::month;
using date::Sunday;
using date::sys_days;
using date::weekday;
using date::year;
using date::year_month_day;

sys_days easter_sunday(int y) {
  // The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_number = (h + l - 7 * m + 114) / 31, day_number = ((h + l - 7 * m + 114) % 31) + 1;
  return sys_days{year{y} / month{static_cast<unsigned>(month_number)} / day{static_cast<unsigned>(day_number)}};
}

std::optional<std::string_view> public_holiday(sys_days when) {
  const year_month_day ymd{when};
  const int y = static_cast<int>(ymd.year());
  const auto fixed = [&](unsigned m, unsigned d) { return ymd.month() == month{m} && ymd.day() == day{d}; };
  if (fixed(1, 1)) return "Nieuwjaarsdag";
  if (fixed(12, 25)) return "Eerste Kerstdag";
  if (fixed(12, 26)) return "Tweede Kerstdag";
  // The planner asks for every candidate day: the movable feasts (Easter Monday at the earliest
  // on 23 March, Whit Monday at the latest on 14 June) cost an Easter computation only in spring.
  if (ymd.month() < March || ymd.month() > June) return std::nullopt;
  const sys_days kings{ymd.year() / April / 27};
  if (when == (weekday{kings} == Sunday ? kings - days{1} : kings)) return "Koningsdag";
  if (fixed(5, 5) && y % 5 == 0) return "Bevrijdingsdag";
  const auto easter = easter_sunday(y);
  if (when == easter) return "Eerste Paasdag";
  if (when == easter + days{1}) return "Tweede Paasdag";
  if (when == easter + days{39}) return "Hemelvaartsdag";
  if (when == easter + days{49}) return "Eerste Pinksterdag";
  if (when == easter + days{50}) return "Tweede Pinksterdag";
  return std::nullopt;
}

}  // namespace lobsync::planning
