#include "selfservice/adult_choice_handler.h"

#include "app/language_choice.h"
#include "app/services.h"
#include "core/log.h"
#include "http/form.h"
#include "links/adult_choice_link.h"
#include "links/key_ring.h"
#include "planning/conversation_title.h"
#include "planning/school_calendar.h"
#include "selfservice/adult_choice_view.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"

namespace lobsync::selfservice {
namespace {

// The choice a token grants: a student on the roster, a type of the policy, this school year.
struct Choice {
  links::AdultChoiceSubject subject;
  domain::Participant student;  // role "student", in the student's language
  const domain::ConversationType* type = nullptr;
  planning::SchoolYear year;
};

std::optional<Choice> resolve_choice(app::Services& s, const std::string& token) {
  const auto verified =
      links::verify(token, links::kAdultChoice, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("adult choice link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  const auto subject = links::parse_adult_choice_subject(verified.claims.subject);
  const auto school = s.school();
  const auto student = subject ? school->students.find(subject->student) : school->students.end();
  if (!subject || student == school->students.end()) {
    log::info("adult choice link refused: its student is gone");
    return std::nullopt;
  }
  const auto& st = student->second;
  Choice c{*subject, {"student", st.key, st.display_name(), st.email, st.language}, s.config().planning.type(subject->type),
           planning::school_year_for(s.config().planning, planning::local_day(s.zone(), s.clock().now()))};
  return c;
}

// Whether the conversation is still one the student is asked about this year.
bool still_owed(const Choice& c) { return c.type != nullptr && c.type->with_parents && c.year.label == c.subject.school_year; }

// False once a meeting of it is confirmed, held or has started: the planner keeps such a
// meeting as it is, so a new answer could no longer change who comes.
bool changeable(app::Services& s, const Choice& c) {
  const auto now = s.clock().now();
  for (const auto& m : s.store().meetings().student_meetings(c.subject.student, c.subject.school_year)) {
    if (m.type != c.subject.type || !m.active()) continue;
    if (m.status == domain::kConfirmed || m.status == domain::kHeld || m.start <= now) return false;
  }
  return true;
}

http::Response choice_page(app::Services& s, const Choice& c, int status, std::string notice_key = "",
                           std::string notice_kind = "") {
  const auto& tr = messaging::shipped_translations();
  const auto language = tr.resolve(c.student.language);
  if (!still_owed(c))
    return page_response(410, render_adult_choice_message(tr, language, page_frame(s.config()), "adult_choice.gone"));
  AdultChoiceView v;
  v.language = language;
  v.school = page_frame(s.config());
  domain::Meeting with_parents;
  with_parents.type = c.type->id;
  with_parents.participants.push_back({"parent", "", "", "", ""});
  v.conversation = planning::conversation_title(tr, language, s.config().planning, with_parents);
  const auto stored = s.store().adult_choices().adult_choice(c.subject.student, c.subject.type, c.subject.school_year);
  if (stored && stored->answer) v.answer = store::adult_answer_name(*stored->answer);
  const auto window_end = planning::type_window(*c.type, c.year).second;
  const auto until = window_end - date::days{s.config().planning.adult_answer_days + 1};
  v.until = messaging::format_date(tr, language, date::format("%F", until));
  v.changeable = changeable(s, c);
  v.notice_key = std::move(notice_key);
  v.notice_kind = std::move(notice_kind);
  return page_response(status, render_adult_choice(tr, v));
}

}  // namespace

http::Response show_adult_choice(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto choice = resolve_choice(*s, request.params.at("token"));
  if (!choice) return invalid_link_page(page_frame(s->config()));
  // After a saved answer (see_other) the page says so.
  const auto done = request.query.find("done");
  if (done != request.query.end() && done->second == "saved") return choice_page(*s, *choice, 200, "adult_choice.notice.saved", "success");
  return choice_page(*s, *choice, 200);
}

http::Response change_adult_choice(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto& token = request.params.at("token");
  const auto choice = resolve_choice(*s, token);
  if (!choice) return invalid_link_page(page_frame(s->config()));
  const auto& c = *choice;
  auto bad_request = [&] {
    return page_response(400, render_bad_request(messaging::shipped_translations(), c.student.language, page_frame(s->config())));
  };
  if (request.body.size() > kAdultChoiceFormLimitBytes || !http::is_form(request)) return bad_request();
  const auto form = http::parse_form(request.body);
  if (!form) return bad_request();
  if (is_language_switch(*form)) {
    const auto language = form->find("language");
    if (language == form->end() ||
        !app::choose_own_language(*s, c.student, "conversation-type:" + c.subject.type, language->second))
      return bad_request();
    return see_other(s->config().http.public_url + request.path);
  }
  const auto answer = form->find("answer");
  if (answer == form->end() || (answer->second != "parents" && answer->second != "alone")) return bad_request();
  if (!still_owed(c)) return choice_page(*s, c, 410);
  if (!changeable(*s, c)) return choice_page(*s, c, 409);
  const auto now = s->clock().now();
  const auto value = answer->second == "parents" ? store::AdultAnswer::parents : store::AdultAnswer::alone;
  s->store().adult_choices().answer(c.subject.student, c.subject.type, c.subject.school_year, value, now);
  try {
    // What was chosen about which conversation, never who chose it.
    s->store().audit("student", "adult_choice.answered", "conversation-type:" + c.subject.type,
                     {{"answer", answer->second}, {"school_year", c.subject.school_year}}, now);
  } catch (const std::exception& e) {
    log::error("audit entry adult_choice.answered not written: {}", e.what());
  }
  return see_other(s->config().http.public_url + request.path + "?done=saved");
}

}  // namespace lobsync::selfservice
