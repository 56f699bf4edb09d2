#include "civil_date.hpp"

#include <lobsync/dates.hpp>

namespace somtoday {

std::optional<std::string> parse_date(const std::string& text) {
  if (!lobsync::sdk::parse_iso_date(text)) return std::nullopt;
  return text;
}

std::string amsterdam_date(std::int64_t unix_ms) {
  return lobsync::sdk::format_iso_date(lobsync::sdk::local_date(unix_ms, "Europe/Amsterdam"));
}

}  // namespace somtoday
