// The national school holidays of the Netherlands per region (noord, midden, zuid), shipped as
// data so a school names its region (school.region) instead of typing its vacation weeks. The
// dates are the ministry of education's (OCW): the summer, Christmas and May weeks are fixed for
// every school, the autumn and spring weeks advised; a school that differs, or adds a second May
// week, types its own dates on top (planning.holidays). Sources and how each year was checked:
// config/README.md, "School holidays".
#pragma once

#include "domain/policy.h"

#include <optional>
#include <string_view>
#include <vector>

namespace lobsync::domain {

enum class HolidayRegion { noord, midden, zuid };

std::optional<HolidayRegion> holiday_region(std::string_view name);

// The region's vacation weeks in every shipped school year, oldest first, each inclusive from
// Saturday to Sunday, named as schools name them ("Herfstvakantie").
std::vector<DateRange> national_school_holidays(HolidayRegion region);

// Whether the shipped data holds the school year "2027-2028" (the same years for every region).
bool national_holidays_known(std::string_view school_year);

// The first and the last shipped school year, for messages ("2025-2026", "2028-2029").
std::string_view first_shipped_school_year();
std::string_view last_shipped_school_year();

}  // namespace lobsync::domain
