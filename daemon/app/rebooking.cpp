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

// Stores the meeting at its new time or length, confirmed, and queues everyone's new invitation
// in the same transaction; the mentor's day is checked again inside it.
store::RebookResult rebook(Services& s, const Meeting& before, Meeting after) {
  const auto& config = s.config();
  const auto now = s.clock().now();
  after.status = domain::kConfirmed;  // the family chose it: re-planning leaves it there
  ++after.sequence;
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
  const auto effects = planning::invitation_effects(after, planning::Change::moved, context);
  return s.store().meetings().rebook(after, before.sequence, day_rules(config, after.start, context.zone), effects, now);
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

Meeting with_interpreter(const Meeting& m, const std::string& language, const domain::Policy& policy) {
  auto out = m;
  if (m.interpreter.empty()) out.end += minutes{policy.interpreter_extra_minutes};
  out.interpreter = language;
  return out;
}

MoveOutcome move_meeting(Services& s, const Meeting& m, Instant start, const std::string& interpreter) {
  const auto sized = interpreter.empty() ? m : with_interpreter(m, interpreter, s.config().planning);
  switch (planning::check_slot(alternatives_input(s, sized), start)) {
    case planning::SlotCheck::free: break;
    case planning::SlotCheck::taken: return MoveOutcome::taken;
    case planning::SlotCheck::not_allowed: return MoveOutcome::not_offered;
  }
  auto moved = sized;
  moved.start = start;
  moved.end = start + (sized.end - sized.start);
  switch (rebook(s, m, moved)) {
    case store::RebookResult::stale: return MoveOutcome::changed;
    case store::RebookResult::taken: return MoveOutcome::taken;
    case store::RebookResult::moved: break;
  }
  nlohmann::json detail{{"sequence", m.sequence + 1}, {"from", iso_utc(m.start)}, {"to", iso_utc(moved.start)}};
  if (!interpreter.empty()) detail["interpreter"] = interpreter;
  audit(s, "booking.move", m, detail);
  s.dispatch_loop().wake();
  return MoveOutcome::moved;
}

InterpreterOutcome request_interpreter(Services& s, const Meeting& m, const std::string& language) {
  const auto longer = with_interpreter(m, language, s.config().planning);
  // The same time, longer: inside the hours, free of the mentor's other meetings and busy times.
  if (planning::check_slot(alternatives_input(s, longer), m.start) != planning::SlotCheck::free)
    return InterpreterOutcome::does_not_fit;
  switch (rebook(s, m, longer)) {
    case store::RebookResult::stale: return InterpreterOutcome::changed;
    case store::RebookResult::taken: return InterpreterOutcome::does_not_fit;
    case store::RebookResult::moved: break;
  }
  audit(s, "booking.interpreter", m, {{"sequence", m.sequence + 1}, {"language", language}});
  s.dispatch_loop().wake();
  return InterpreterOutcome::requested;
}

}  // namespace lobsync::app
