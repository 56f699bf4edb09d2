// The start and end of one timetable row as instants. Magister's times are school time
// (Europe/Amsterdam) unless they carry an offset or "Z" (the app API's afspraken are UTC).
#pragma once

#include <lobsync/busy_request.hpp>

#include <string>
#include <string_view>
#include <variant>

namespace magister {

// `value` is a full date-time ("2026-10-19T08:30:00", "2026-10-19 08:30", "19-10-2026 08:30",
// with optional seconds, fraction, "Z" or offset), or a time of day ("8:30", "08:30:00") on
// `day` (the date column: "yyyy-mm-dd" or "dd-mm-yyyy", also with '/' or '.'). The result is
// the instant, or a message naming what is wrong (without the value: it may be anything).
std::variant<lobsync::sdk::UtcSeconds, std::string> lesson_instant(std::string_view value, std::string_view day,
                                                                  const date::time_zone* school_zone);

}  // namespace magister
