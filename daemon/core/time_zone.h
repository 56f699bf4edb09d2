// Every lookup of a time zone by its name goes through here, so an unknown name is refused the
// same way everywhere. The school's zone itself is looked up once per configuration
// (app::Services::zone()); this is for the places that hold only a name.
#pragma once

#include <stdexcept>
#include <string_view>

namespace date {
class time_zone;
}

namespace lobsync {

class UnknownTimeZone : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The zone of the tz database with this name; throws UnknownTimeZone ("unknown time zone 'X'").
const date::time_zone* find_time_zone(std::string_view name);
// The zone, or UTC when the name is unknown: for output that must never fail (logs, reports).
const date::time_zone* time_zone_or_utc(std::string_view name) noexcept;

}  // namespace lobsync
