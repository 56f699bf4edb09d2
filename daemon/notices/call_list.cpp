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

std::vector<std::string> reasons_for(const domain::Meeting& m, const domain::Participant& parent,
                                     const CallListInput& in) {
  std::vector<std::string> reasons;
  if (parent.email.empty()) {
    reasons.emplace_back("no_email");
    return reasons;
  }
  // Invitations are keyed by a hash of the participant key (planning/invitations.cpp).
  const auto traces = in.store->notices().mail_about(m.id, parent.key, sdk::fnv1a_hex(parent.key));
  // Given up by the outbox or by an administrator: either way the mail never reached them.
  const bool failed = std::any_of(traces.begin(), traces.end(), [](const auto& t) {
    return t.state == store::kOutboxDead || t.state == store::kOutboxDiscarded;
  });
  const bool reached = std::any_of(traces.begin(), traces.end(), [](const auto& t) { return t.state == "sent"; });
  if (failed) reasons.emplace_back("mail_failed");
  const bool responded = in.responded && in.responded(m, parent);
  if (m.status == domain::kPlanned && reached && !responded) reasons.emplace_back("no_response");
  return reasons;
}

}  // namespace

std::vector<CallEntry> call_list(const std::string& mentor, const CallListInput& in) {
  std::vector<CallEntry> out;
  const auto until = in.now + std::chrono::hours(24 * in.days);
  for (const auto& m : in.store->meetings().mentor_meetings(mentor)) {
    if (!awaited(m, in.now, until)) continue;
    for (const auto& p : m.participants) {
      if (p.role != "parent") continue;
      auto reasons = reasons_for(m, p, in);
      if (reasons.empty()) continue;
      CallEntry e;
      e.meeting = m.id;
      e.start = m.start;
      e.type = m.type;
      e.student_name = student_name(m, *in.school);
      e.parent_key = p.key;
      e.parent_name = p.name;
      if (const auto g = in.school->guardians.find(p.key); g != in.school->guardians.end()) e.phone = g->second.phone;
      e.reasons = std::move(reasons);
      out.push_back(std::move(e));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CallEntry& a, const CallEntry& b) {
    return a.start != b.start ? a.start < b.start : a.parent_name < b.parent_name;
  });
  return out;
}

nlohmann::json to_json(const std::string& mentor, const std::vector<CallEntry>& entries) {
  auto list = nlohmann::json::array();
  for (const auto& e : entries) {
    list.push_back({{"meeting", e.meeting},
                    {"start", iso_utc(e.start)},
                    {"type", e.type},
                    {"student", e.student_name},
                    {"parent", e.parent_name},
                    {"parent_key", e.parent_key},
                    {"phone", e.phone},
                    {"reasons", e.reasons}});
  }
  return {{"mentor", mentor}, {"entries", list}};
}

}  // namespace lobsync::notices
