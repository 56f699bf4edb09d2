#include "notices/call_list.h"

#include "core/iso_time.h"
#include "store/store.h"

#include <lobsync/household.hpp>

#include <algorithm>

namespace lobsync::notices {
namespace {

bool awaited(const domain::Meeting& m, Instant now, Instant until) {
  return (m.status == domain::kPlanned || m.status == domain::kConfirmed) && m.start > now && m.start <= until;
}

std::string student_name(const domain::Meeting& m, const domain::School& school) {
  for (const auto& p : m.participants)
    if (p.role == "student" && !p.name.empty()) return p.name;
  const auto it = school.students.find(m.student);
  return it == school.students.end() ? "" : it->second.display_name();
}

std::string phone_of(const domain::Participant& p, const domain::School& school) {
  if (p.role == "student") {
    const auto s = school.students.find(p.key);
    return s == school.students.end() ? "" : s->second.phone;
  }
  const auto g = school.guardians.find(p.key);
  return g == school.guardians.end() ? "" : g->second.phone;
}

std::vector<std::string> reasons_for(const domain::Meeting& m, const domain::Participant& person,
                                     const CallListInput& in) {
  std::vector<std::string> reasons;
  if (person.email.empty()) {
    reasons.emplace_back("no_email");
    return reasons;
  }
  // Invitations are keyed by a hash of the participant key (planning/invitations.cpp).
  const auto traces = in.store->notices().mail_about(m.id, person.key, sdk::fnv1a_hex(person.key));
  // Given up by the outbox or by an administrator: either way the mail never reached them.
  const bool failed = std::any_of(traces.begin(), traces.end(), [](const auto& t) {
    return t.state == store::kOutboxDead || t.state == store::kOutboxDiscarded;
  });
  if (failed) reasons.emplace_back("mail_failed");
  if (person.role != "parent") return reasons;  // confirming is the parents' part
  const bool reached = std::any_of(traces.begin(), traces.end(), [](const auto& t) { return t.state == "sent"; });
  const bool responded = in.responded && in.responded(m, person);
  if (m.status == domain::kPlanned && reached && !responded) reasons.emplace_back("no_response");
  return reasons;
}

}  // namespace

std::vector<CallEntry> call_list(const std::string& mentor, const CallListInput& in) {
  std::vector<CallEntry> out;
  const auto until = in.now + std::chrono::hours(24 * in.days);
  const auto missed = in.store->meetings().missed_meetings();
  for (const auto& m : in.store->meetings().mentor_meetings(mentor)) {
    // A missed conversation is listed until it is held: before the next plan gives it a new
    // time, and then before that time.
    const bool not_yet_replanned = m.status == domain::kMissed;
    const bool was_missed = not_yet_replanned || missed.count(m.id) > 0;
    if (!not_yet_replanned && !awaited(m, in.now, until)) continue;
    for (const auto& p : m.participants) {
      if (p.role != "parent" && p.role != "student") continue;
      std::vector<std::string> reasons;
      if (was_missed) reasons.emplace_back("missed");
      if (not_yet_replanned) {
        if (p.email.empty()) reasons.emplace_back("no_email");
      } else {
        for (auto& r : reasons_for(m, p, in)) reasons.push_back(std::move(r));
      }
      if (reasons.empty()) continue;
      CallEntry e;
      e.meeting = m.id;
      e.start = m.start;
      e.type = m.type;
      e.student_name = student_name(m, *in.school);
      e.role = p.role;
      e.person_key = p.key;
      e.person_name = p.name;
      e.phone = phone_of(p, *in.school);
      e.reasons = std::move(reasons);
      out.push_back(std::move(e));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CallEntry& a, const CallEntry& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.role != b.role) return a.role == "parent";
    return a.person_name < b.person_name;
  });
  return out;
}

nlohmann::json to_json(const std::string& mentor, const std::vector<CallEntry>& entries) {
  auto list = nlohmann::json::array();
  for (const auto& e : entries) {
    nlohmann::json entry{{"meeting", e.meeting}, {"start", iso_utc(e.start)}, {"type", e.type},
                         {"student", e.student_name}, {"role", e.role},   {"name", e.person_name},
                         {"key", e.person_key},       {"phone", e.phone}, {"reasons", e.reasons}};
    if (e.role == "parent") {
      entry["parent"] = e.person_name;
      entry["parent_key"] = e.person_key;
    }
    list.push_back(std::move(entry));
  }
  return {{"mentor", mentor}, {"entries", list}};
}

}  // namespace lobsync::notices
