// One answer of GET /api/v3/appointments, read: the envelope
// {"response":{"status","message","startRow","endRow","totalRows","data":[…]}} and in it the
// appointments that make teachers busy. Pure (no HTTP), so the unit tests and the fuzz target
// feed it answers directly.
#pragma once

#include <lobsync/dates.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zermelo {

struct Appointment {
  lobsync::sdk::UtcSeconds start;
  lobsync::sdk::UtcSeconds end;
  // The teacher codes the appointment names, lower case; nullopt when the field is absent
  // (or not a list), so a batched request cannot tell whose it is.
  std::optional<std::vector<std::string>> teachers;
};

struct Answer {
  std::vector<Appointment> busy;      // valid, not cancelled, of a type that is not free, sane times
  std::vector<std::string> problems;  // one per appointment skipped for bad data ("appointment 17: …")
  std::string error;                  // non-empty: the answer as a whole is unusable (why)
};

// Instants outside [2000-01-01, 2100-01-01) are not a school's timetable: skipped as problems.
inline constexpr long long kEarliestUnix = 946684800;   // 2000-01-01T00:00:00Z
inline constexpr long long kLatestUnix = 4102444800;    // 2100-01-01T00:00:00Z

// `free_types` are lower case. Never throws.
Answer read_appointments(std::string_view body, const std::vector<std::string>& free_types);

// The envelope's response.message (or "") of an error answer, clipped, for messages.
std::string envelope_message(std::string_view body);

}  // namespace zermelo
