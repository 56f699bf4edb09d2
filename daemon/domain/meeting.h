// A planned conversation and the people in it. Instants are UTC; the school's zone is applied
// where a meeting is shown or placed.
#pragma once

#include "core/clock.h"

#include <string>
#include <vector>

namespace lobsync::domain {

inline constexpr const char* kPlanned = "planned";      // placed by the planner, may still move
inline constexpr const char* kConfirmed = "confirmed";  // confirmed by parents or the mentor: never moved by re-planning
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kHeld = "held";            // took place (a record exists, or the mentor said so)
inline constexpr const char* kMissed = "missed";        // did not take place (no-show, or cancelled by the family): planned again

struct Participant {
  std::string role;  // "mentor", "student", "parent"
  std::string key;   // roster key (staff, student or guardian)
  std::string name;
  std::string email;     // may be empty: then nobody can be mailed, the mentor calls instead
  std::string language;  // BCP 47 or empty
  bool operator==(const Participant&) const = default;
};

struct Meeting {
  std::string id;         // stable for (school year, type, student, household): re-planning finds it again
  std::string type;       // conversation type id
  std::string student;    // student key
  std::string mentor;     // staff key
  std::string household;  // "" for a joint meeting; a household key when families meet separately
  Instant start, end;
  std::string location;
  std::vector<Participant> participants;
  std::string status = kPlanned;
  int sequence = 0;       // iCalendar SEQUENCE: raised on every change attendees must see
  std::string school_year;  // e.g. "2026-2027"
  std::string interpreter;  // language (BCP 47) of the interpreter the family asked for; "" none

  bool active() const { return status != std::string(kCancelled); }
};

}  // namespace lobsync::domain
