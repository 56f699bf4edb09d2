// The public holidays (feestdagen) on which Dutch schools are closed, computed for any year, so
// a school that typed only its vacation weeks still gets no conversation on Easter Monday.
// Goede Vrijdag is not a national day off (many schools close; they list it as a closed day).
#pragma once

#include <date/date.h>

#include <optional>
#include <string_view>

namespace lobsync::planning {

// Easter Sunday (Gregorian) of a year.
date::sys_days easter_sunday(int year);

// The holiday's Dutch name when `day` is one: Nieuwjaarsdag, Eerste/Tweede Paasdag, Koningsdag
// (26 April when the 27th is a Sunday), Bevrijdingsdag (only in lustrum years, when it is a day
// off for everyone), Hemelvaartsdag, Eerste/Tweede Pinksterdag, Eerste/Tweede Kerstdag.
std::optional<std::string_view> public_holiday(date::sys_days day);

}  // namespace lobsync::planning
