// The mentor's call list: parents and students who must be phoned because writing did not reach
// them. For the mentor's active meetings (planned or confirmed) that start within `days` from
// now, each parent and the student in the meeting is listed with the reasons that apply:
//   "no_email"     they have no e-mail address;
//   "mail_failed"  an invitation or digest to them about this meeting is dead or discarded in the
//                  outbox;
//   "no_response"  (parents only: they confirm) the meeting is still planned although the parent
//                  was sent at least one invitation or digest about it, and no other sign of
//                  response (CallListInput::responded) is known.
// A conversation the mentor marked missed (the family did not come or called it off) is listed
// with "missed" for everyone in it, first while it waits for a new time (whatever its old
// start), then again before the new time.
#pragma once

#include "core/clock.h"
#include "domain/meeting.h"
#include "domain/school.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace lobsync::store {
class Store;
}

namespace lobsync::notices {

struct CallEntry {
  std::string meeting;
  Instant start;
  std::string type;
  std::string student_name;
  std::string role;                  // whom to call: "parent" or "student"
  std::string person_key;
  std::string person_name;
  std::string phone;                 // from the roster's guardian or student; may be empty
  std::vector<std::string> reasons;  // "missed", "no_email", "mail_failed", "no_response"
};

// Another sign that a parent responded (e.g. they marked a home assignment for this meeting
// done): true drops "no_response" for that parent and meeting.
using RespondedFn = std::function<bool(const domain::Meeting& meeting, const domain::Participant& parent)>;

struct CallListInput {
  const domain::School* school = nullptr;
  store::Store* store = nullptr;
  Instant now;
  int days = 7;           // config notices.call_list_days
  RespondedFn responded;  // optional
};

// Entries by meeting start, then parents before the student, then name.
std::vector<CallEntry> call_list(const std::string& mentor, const CallListInput& input);

// {"mentor": key, "entries": [{meeting, start (UTC ISO), type, student, role, name, key, phone,
// reasons}]}; parents' entries also carry "parent" and "parent_key" (their name and key), the
// shape from before students were listed.
nlohmann::json to_json(const std::string& mentor, const std::vector<CallEntry>& entries);

}  // namespace lobsync::notices
