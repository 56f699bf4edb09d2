#include "selfservice/assignment_handler.h"

#include "app/services.h"
#include "assignments/status.h"
#include "messaging/assignment_templates.h"
#include "core/log.h"
#include "http/form.h"
#include "links/key_ring.h"
#include "selfservice/assignment_view.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"

#include <lobsync/text_encoding.hpp>

namespace lobsync::selfservice {
namespace {

using domain::Meeting;
using domain::Participant;

struct Assignment {
  Meeting meeting;
  Participant participant;
  std::string template_id;
};

// The assignment a token grants, or nullopt; the reason is logged (never the token).
std::optional<Assignment> resolve_assignment(app::Services& s, const std::string& token) {
  const auto verified =
      links::verify(token, links::kAssignment, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("assignment link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  const auto subject = links::parse_booking_subject(verified.claims.subject);
  auto meeting = subject ? s.store().meetings().meeting(subject->first) : std::nullopt;
  if (meeting) {
    for (const auto& p : meeting->participants) {
      if (p.key != subject->second || (p.role != "student" && p.role != "parent")) continue;
      if (auto id = assignments::meeting_template(s.store(), s.config(), *meeting))
        return Assignment{*meeting, p, std::move(*id)};
    }
  }
  log::info("assignment link refused: its meeting, participant or assignment is gone");
  return std::nullopt;
}

http::Response message(app::Services& s, const Assignment& a, int status, const char* key) {
  const auto& tr = messaging::shipped_translations();
  return page_response(status, render_assignment_message(tr, a.participant.language, page_frame(s.config()),
                                                         tr.text(tr.resolve(a.participant.language), key)));
}

// The page as the store holds the assignment now; `answer` overrides the stored answer (a
// refused answer is shown back with `error`, so nothing typed is lost).
http::Response assignment_page(app::Services& s, const Assignment& a, int status, std::string error = "",
                               const std::optional<std::string>& answer = std::nullopt) {
  const auto& tr = messaging::shipped_translations();
  AssignmentView view;
  view.language = tr.resolve(a.participant.language);
  view.school = page_frame(s.config());
  const auto text = messaging::assignment_text(tr, view.language, a.template_id);
  view.title = text.title;
  view.steps = text.steps;
  view.student_first_name = domain::student_first_name(*s.school(), a.meeting);
  view.when = messaging::format_date_time(tr, view.language, a.meeting.start, a.meeting.end, s.config().timezone);
  const auto state = s.store().assignments().assignment(a.meeting.id);
  view.done = state.has_value();
  view.answer = answer ? *answer : state ? state->answer : "";
  view.answer_error = std::move(error);
  view.max_answer_chars = store::kMaxAssignmentAnswerChars;
  return page_response(status, render_assignment(tr, view));
}

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

}  // namespace

http::Response show_assignment(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto assignment = resolve_assignment(*s, request.params.at("token"));
  if (!assignment) return invalid_link_page(page_frame(s->config()));
  if (!assignment->meeting.active()) return message(*s, *assignment, 410, "assignment.cancelled");
  return assignment_page(*s, *assignment, 200);
}

http::Response mark_assignment_done(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto assignment = resolve_assignment(*s, request.params.at("token"));
  if (!assignment) return invalid_link_page(page_frame(s->config()));
  const auto& a = *assignment;
  if (request.body.size() > kAssignmentFormLimitBytes) return message(*s, a, 413, "assignment.too_big");
  if (!http::is_form(request)) return message(*s, a, 400, "page.bad_request");
  const auto form = http::parse_form(request.body);
  if (!form) return message(*s, a, 400, "page.bad_request");
  // Also on the page of a cancelled meeting: it is still read.
  if (is_language_switch(*form)) return switch_language(*s, request, a.meeting, a.participant, *form, message(*s, a, 400, "page.bad_request"));
  if (!a.meeting.active()) return message(*s, a, 410, "assignment.cancelled");
  const auto it = form->find("answer");
  const std::string answer = it == form->end() ? "" : it->second;
  if (sdk::detail::first_invalid_utf8(answer) != std::string_view::npos) return message(*s, a, 400, "page.bad_request");
  if (characters(answer) > store::kMaxAssignmentAnswerChars) {
    const auto& tr = messaging::shipped_translations();
    const auto text = tr.text(tr.resolve(a.participant.language), "assignment.too_long",
                              {{"max", std::to_string(store::kMaxAssignmentAnswerChars)}});
    return assignment_page(*s, a, 422, text, answer);
  }
  const auto now = s->clock().now();
  s->store().assignments().mark_done(a.meeting.id, a.template_id, a.participant.key, a.participant.role, answer, now);
  try {
    // Who and when, never the answer: it may say things about the family.
    s->store().audit(a.participant.role, "assignment.done", "meeting:" + a.meeting.id,
                     {{"answered", !answer.empty()}}, now);
  } catch (const std::exception& e) {
    log::error("audit entry assignment.done not written: {}", e.what());
  }
  return page_response(200, render_assignment_thanks(messaging::shipped_translations(), a.participant.language, page_frame(s->config()),
                                                             a.participant.role));
}

}  // namespace lobsync::selfservice
