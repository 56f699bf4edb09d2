// Calendar dates as Somtoday sends them ("YYYY-MM-DD") and "today" at the school.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace somtoday {

// The date as "YYYY-MM-DD" when `text` is a real calendar date in that exact form.
std::optional<std::string> parse_date(const std::string& text);

// Today's date in Europe/Amsterdam for a UTC instant.
std::string amsterdam_date(std::int64_t unix_ms);

}  // namespace somtoday
