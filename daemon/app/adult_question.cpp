#include "app/adult_question.h"

#include "app/services.h"
#include "core/log.h"
#include "domain/leads.h"
#include "messaging/message_error.h"
#include "planning/adult_question.h"

namespace lobsync::app {

std::size_t ask_adult_students(Services& services, const planning::PlanResult& result, const planning::SchoolYear& year,
                               const planning::InvitationContext& ctx) {
  const auto& policy = ctx.config->planning;
  if (result.waiting.empty() || policy.mailer.empty()) return 0;
  auto& store = services.store();
  auto& choices = store.adult_choices();
  const auto asked_before = choices.adult_choices(year.label);
  std::size_t asked = 0;
  for (const auto& w : result.waiting) {
    if (auto it = asked_before.find({w.student, w.type}); it != asked_before.end() && it->second.asked_at) continue;
    const auto student = ctx.school->students.find(w.student);
    const auto* type = policy.type(w.type);
    if (student == ctx.school->students.end() || type == nullptr) continue;
    planning::AdultQuestion q;
    q.student = &student->second;
    q.type = type;
    q.school_year = year.label;
    q.until = w.until;
    q.link_expires = planning::at_local(ctx.zone, year.end + date::days{15}, 0);
    const auto leads = domain::lead_candidates(*ctx.school, policy, *type, student->second);
    if (!leads.empty())
      if (auto staff = ctx.school->staff.find(leads.front()); staff != ctx.school->staff.end())
        q.mentor_name = staff->second.display_name();
    try {
      const auto mail = planning::adult_question_mail(q, ctx);
      store.outbox().enqueue(mail.key, mail.channel, mail.operation, mail.request, ctx.now);
      if (choices.mark_asked(w.student, w.type, year.label, ctx.now)) ++asked;
      // Which conversation, never who: the student's key stays out of the audit log.
      store.audit("planner", "adult_choice.asked", "conversation-type:" + w.type, {{"school_year", year.label}}, ctx.now);
    } catch (const messaging::MessageError& e) {
      log::warn("no question for student {} about {}: {}", w.student, w.type, e.what());
      if (ctx.problems) ctx.problems->push_back({w.student, "student", "adult question about " + w.type, e.what()});
    }
  }
  return asked;
}

}  // namespace lobsync::app
