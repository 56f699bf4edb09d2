#include "app/rebooking.h"

#include "core/iso_time.h"
#include "core/log.h"
#include "jobs/local_time.h"
#include "links/key_ring.h"
#include "planning/invitations.h"

#include <date/tz.h>

namespace lobsync::app {
namespace {

using namespace std::chrono;
using domain::Meeting;

void audit(Services& s, const char* action, const Meeting& m, const nlohmann::json& detail) {
  try {
    s.store().audit("parent", action, "meeting:" + m.id, detail, s.clock().now());
  } catch (const std::exception& e) {
    log::error("audit entry {} not written: {}", action, e.what());
  }
}

// The day rules the store checks inside the rebook transaction, for the day of the new time.
store::RebookRules day_rules(const config::Config& config, Instant start, const date::time_zone* zone) {
  store::RebookRules rules;
  rules.gap = minutes{config.planning.break_minutes};
  rules.max_per_day = config.planning.max_per_mentor_per_day;
  const auto day = jobs::local_day_of(start, zone);
  rules.day_from = jobs::resolve_local(day, {0, 0}, zone);
  rules.day_to = jobs::resolve_local(day + date::days(1), {0, 0}, zone);
  return rules;
}

}  // namespace

bool changeable(const Meeting& m, Instant now) {
  return m.active() && (m.status == domain::kPlanned || m.status == domain::kConfirmed) && m.start > now;
}

planning::AlternativesInput alternatives_input(Services& s, const Meeting& m) {
  planning::AlternativesInput in;
  in.policy = &s.config().planning;
  in.zone = s.zone();
  in.now = s.clock().now();
  in.meeting = m;
  in.mentor_meetings = s.store().meetings().mentor_meetings(m.mentor);
  for (const auto& b : s.store().meetings().busy_times(m.mentor, in.now, in.now + days{400}))
    in.busy.push_back({b.person, b.start, b.end});
  return in;
}

ConfirmOutcome confirm_meeting(Services& s, const Meeting& m) {
  if (m.status == domain::kConfirmed) return ConfirmOutcome::confirmed;
  auto confirmed = m;
  confirmed.status = domain::kConfirmed;
  if (!s.store().meetings().save_if_sequence(confirmed, m.sequence, {}, s.clock().now())) return ConfirmOutcome::changed;
  audit(s, "booking.confirm", m, {{"sequence", m.sequence}});
  return ConfirmOutcome::confirmed;
}

MoveOutcome move_meeting(Services& s, const Meeting& m, Instant start) {
  switch (planning::check_slot(alternatives_input(s, m), start)) {
    case planning::SlotCheck::free: break;
    case planning::SlotCheck::taken: return MoveOutcome::taken;
    case planning::SlotCheck::not_allowed: return MoveOutcome::not_offered;
  }
  const auto& config = s.config();
  const auto now = s.clock().now();
  auto moved = m;
  moved.start = start;
  moved.end = start + (m.end - m.start);
  moved.status = domain::kConfirmed;  // the parent chose it: re-planning leaves it there
  ++moved.sequence;
  const auto school = s.school();
  planning::InvitationContext context;
  context.config = &config;
  context.school = school.get();
  context.zone = s.zone();
  context.now = now;
  if (!config.http.public_url.empty()) {
    context.public_url = config.http.public_url;
    context.link_key = links::current_key(s.store().link_keys(), now);
  }
  const auto effects = planning::invitation_effects(moved, planning::Change::moved, context);
  switch (s.store().meetings().rebook(moved, m.sequence, day_rules(config, moved.start, context.zone), effects, now)) {
    case store::RebookResult::stale: return MoveOutcome::changed;
    case store::RebookResult::taken: return MoveOutcome::taken;
    case store::RebookResult::moved: break;
  }
  audit(s, "booking.move", m, {{"sequence", moved.sequence}, {"from", iso_utc(m.start)}, {"to", iso_utc(moved.start)}});
  s.dispatch_loop().wake();
  return MoveOutcome::moved;
}

}  // namespace lobsync::app
