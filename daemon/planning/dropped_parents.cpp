#include "planning/dropped_parents.h"

#include <algorithm>
#include <set>

namespace lobsync::planning {

std::vector<store::OutboxEntry> dropped_parent_effects(const domain::Meeting& before, const domain::Meeting& after,
                                                       const InvitationContext& context) {
  // The cancellation names the student and the mentor as the update does, so the meeting keeps
  // everyone; only the dropped parents' mails are taken from it (no calendar copy is touched).
  domain::Meeting gone = after;
  gone.status = domain::kCancelled;
  std::set<std::string> dropped;  // the keys of their cancellations
  for (const auto& p : before.participants) {
    if (p.role != "parent" || p.email.empty()) continue;
    const bool stays = std::any_of(after.participants.begin(), after.participants.end(),
                                   [&](const auto& q) { return q.key == p.key && q.role == p.role; });
    if (stays) continue;
    gone.participants.push_back(p);
    dropped.insert(invitation_key(gone, p));
  }
  if (dropped.empty()) return {};
  std::vector<store::OutboxEntry> out;
  for (auto& entry : invitation_effects(gone, Change::cancelled, context))
    if (dropped.count(entry.key)) out.push_back(std::move(entry));
  return out;
}

}  // namespace lobsync::planning
