#include "domain/school_holidays.h"

#include <algorithm>
#include <array>

namespace lobsync::domain {
namespace {

using date::year_month_day;
using namespace date::literals;

enum Regions : unsigned { N = 1, M = 2, Z = 4, all = N | M | Z };

struct Vacation {
  std::string_view school_year;
  std::string_view name;
  unsigned regions;
  year_month_day from, to;
};

// Copied by hand from the ministry's tables (config/README.md names the page of each year and
// how the years without a page here were checked). Keep the years contiguous and complete: the
// tests check five vacations per region per year.
constexpr std::array kVacations{
    // 2025-2026
    Vacation{"2025-2026", "Herfstvakantie", N | M, 2025_y / 10 / 18, 2025_y / 10 / 26},
    Vacation{"2025-2026", "Herfstvakantie", Z, 2025_y / 10 / 11, 2025_y / 10 / 19},
    Vacation{"2025-2026", "Kerstvakantie", all, 2025_y / 12 / 20, 2026_y / 1 / 4},
    Vacation{"2025-2026", "Voorjaarsvakantie", N, 2026_y / 2 / 21, 2026_y / 3 / 1},
    Vacation{"2025-2026", "Voorjaarsvakantie", M | Z, 2026_y / 2 / 14, 2026_y / 2 / 22},
    Vacation{"2025-2026", "Meivakantie", all, 2026_y / 4 / 25, 2026_y / 5 / 3},
    Vacation{"2025-2026", "Zomervakantie", N, 2026_y / 7 / 4, 2026_y / 8 / 16},
    Vacation{"2025-2026", "Zomervakantie", M, 2026_y / 7 / 18, 2026_y / 8 / 30},
    Vacation{"2025-2026", "Zomervakantie", Z, 2026_y / 7 / 11, 2026_y / 8 / 23},
    // 2026-2027
    Vacation{"2026-2027", "Herfstvakantie", N, 2026_y / 10 / 10, 2026_y / 10 / 18},
    Vacation{"2026-2027", "Herfstvakantie", M | Z, 2026_y / 10 / 17, 2026_y / 10 / 25},
    Vacation{"2026-2027", "Kerstvakantie", all, 2026_y / 12 / 19, 2027_y / 1 / 3},
    Vacation{"2026-2027", "Voorjaarsvakantie", N | M, 2027_y / 2 / 20, 2027_y / 2 / 28},
    Vacation{"2026-2027", "Voorjaarsvakantie", Z, 2027_y / 2 / 13, 2027_y / 2 / 21},
    Vacation{"2026-2027", "Meivakantie", all, 2027_y / 4 / 24, 2027_y / 5 / 2},
    Vacation{"2026-2027", "Zomervakantie", N, 2027_y / 7 / 10, 2027_y / 8 / 22},
    Vacation{"2026-2027", "Zomervakantie", M, 2027_y / 7 / 17, 2027_y / 8 / 29},
    Vacation{"2026-2027", "Zomervakantie", Z, 2027_y / 7 / 24, 2027_y / 9 / 5},
    // 2027-2028
    Vacation{"2027-2028", "Herfstvakantie", N | M, 2027_y / 10 / 16, 2027_y / 10 / 24},
    Vacation{"2027-2028", "Herfstvakantie", Z, 2027_y / 10 / 23, 2027_y / 10 / 31},
    Vacation{"2027-2028", "Kerstvakantie", all, 2027_y / 12 / 25, 2028_y / 1 / 9},
    Vacation{"2027-2028", "Voorjaarsvakantie", N, 2028_y / 2 / 19, 2028_y / 2 / 27},
    Vacation{"2027-2028", "Voorjaarsvakantie", M | Z, 2028_y / 2 / 26, 2028_y / 3 / 5},
    Vacation{"2027-2028", "Meivakantie", all, 2028_y / 4 / 29, 2028_y / 5 / 7},
    Vacation{"2027-2028", "Zomervakantie", N, 2028_y / 7 / 15, 2028_y / 8 / 27},
    Vacation{"2027-2028", "Zomervakantie", M, 2028_y / 7 / 8, 2028_y / 8 / 20},
    Vacation{"2027-2028", "Zomervakantie", Z, 2028_y / 7 / 22, 2028_y / 9 / 3},
    // 2028-2029
    Vacation{"2028-2029", "Herfstvakantie", N, 2028_y / 10 / 14, 2028_y / 10 / 22},
    Vacation{"2028-2029", "Herfstvakantie", M | Z, 2028_y / 10 / 21, 2028_y / 10 / 29},
    Vacation{"2028-2029", "Kerstvakantie", all, 2028_y / 12 / 23, 2029_y / 1 / 7},
    Vacation{"2028-2029", "Voorjaarsvakantie", N | M, 2029_y / 2 / 17, 2029_y / 2 / 25},
    Vacation{"2028-2029", "Voorjaarsvakantie", Z, 2029_y / 2 / 10, 2029_y / 2 / 18},
    Vacation{"2028-2029", "Meivakantie", all, 2029_y / 4 / 28, 2029_y / 5 / 6},
    Vacation{"2028-2029", "Zomervakantie", N, 2029_y / 7 / 21, 2029_y / 9 / 2},
    Vacation{"2028-2029", "Zomervakantie", M, 2029_y / 7 / 7, 2029_y / 8 / 19},
    Vacation{"2028-2029", "Zomervakantie", Z, 2029_y / 7 / 14, 2029_y / 8 / 26},
};

unsigned bit(HolidayRegion r) {
  switch (r) {
    case HolidayRegion::noord: return N;
    case HolidayRegion::midden: return M;
    case HolidayRegion::zuid: return Z;
  }
  return 0;
}

}  // namespace

std::optional<HolidayRegion> holiday_region(std::string_view name) {
  if (name == "noord") return HolidayRegion::noord;
  if (name == "midden") return HolidayRegion::midden;
  if (name == "zuid") return HolidayRegion::zuid;
  return std::nullopt;
}

std::vector<DateRange> national_school_holidays(HolidayRegion region) {
  std::vector<DateRange> out;
  for (const auto& v : kVacations)
    if (v.regions & bit(region)) out.push_back(DateRange{std::string(v.name), v.from, v.to});
  return out;
}

bool national_holidays_known(std::string_view school_year) {
  return std::any_of(kVacations.begin(), kVacations.end(), [&](const Vacation& v) { return v.school_year == school_year; });
}

std::string_view first_shipped_school_year() { return kVacations.front().school_year; }
std::string_view last_shipped_school_year() { return kVacations.back().school_year; }

}  // namespace lobsync::domain
