#include "selfservice/student_page.h"

#include "app/services.h"
#include "core/log.h"
#include "http/form.h"
#include "links/key_ring.h"
#include "links/token.h"
#include "planning/conversation_title.h"
#include "records/record_link.h"
#include "records/report_case.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"
#include "selfservice/student_page_view.h"
#include "store/store.h"

#include <lobsync/text_encoding.hpp>

namespace lobsync::selfservice {
namespace {

using records::ReportWindow;

// The student a link names, as their meetings know them.
struct StudentVisit {
  std::string student;
  domain::Participant reader;  // the student; language from their latest meeting
  std::vector<domain::Meeting> meetings;
};

std::optional<StudentVisit> resolve_student_visit(app::Services& s, const std::string& token) {
  const auto verified = links::verify(token, links::kStudent, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("student link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  StudentVisit v{verified.claims.subject, {"student", verified.claims.subject, "", "", ""}, {}};
  v.meetings = s.store().meetings().student_meetings(v.student);
  for (const auto& m : v.meetings)
    for (const auto& p : m.participants)
      if (p.role == "student" && p.key == v.student) v.reader = p;
  return v;
}

// Shared by every conversation shown: what the post changed and how it went.
struct PostState {
  std::string meeting;  // the conversation the post was about, or ""
  records::ReportInput typed;
  std::vector<records::ReportProblem> problems;
  std::string notice_key, notice_kind;
};

std::vector<std::string> signers(const records::ReportCase& c, const std::string& language, const std::string& tz) {
  const auto& tr = messaging::shipped_translations();
  std::vector<std::string> out;
  for (const auto& sig : c.signoff(c.latest().version).signatures) {
    if (sig.role != "parent") continue;
    std::string name;
    for (const auto& p : c.meeting.participants)
      if (p.key == sig.participant) name = p.name;
    out.push_back(name + ", " + messaging::format_moment(tr, language, sig.at, tz));
  }
  return out;
}

StudentConversation conversation(app::Services& s, const StudentVisit& v, const domain::Meeting& m, const domain::School& school,
                                 const std::string& language) {
  const auto& tr = messaging::shipped_translations();
  const auto& tz = s.config().timezone;
  const auto now = s.clock().now();
  StudentConversation c;
  c.meeting_id = m.id;
  c.conversation = planning::conversation_title(tr, language, s.config().planning, m);
  c.when = messaging::format_date_time(tr, language, m.start, m.end, tz);
  c.can_write = records::report_window(m, now) == ReportWindow::open;
  const auto& public_url = s.config().http.public_url;
  // Without http.public_url the link is relative to this server, like the page's own redirect.
  if (const auto record = records::record_of_meeting(s.store(), v.student, m.id); !record.empty())
    c.record_link = records::record_link(public_url, links::current_key(s.store().link_keys(), now), record, v.student, now);
  if (const auto rc = records::load_report_case(s.store(), m.id, school, s.zone())) {
    const auto& latest = rc->latest();
    c.version = latest.version;
    c.written_on = messaging::format_moment(tr, language, latest.created_at, tz);
    c.reflection = latest.reflection;
    c.activities = latest.activities;
    c.signed_by = signers(*rc, language, tz);
    c.form = {latest.reflection, latest.activities};
  }
  return c;
}

http::Response student_page(app::Services& s, const StudentVisit& v, int status, const PostState& post = {}) {
  const auto& tr = messaging::shipped_translations();
  const auto school = s.school();
  StudentPageView view;
  view.language = tr.resolve(v.reader.language);
  view.school = page_frame(s.config());
  view.student_first_name = v.reader.name.substr(0, v.reader.name.find(' '));
  if (const auto it = school->students.find(v.student); it != school->students.end() && !it->second.given_name.empty())
    view.student_first_name = it->second.given_name;
  const auto now = s.clock().now();
  // Read again: the post may have added a version.
  for (const auto& m : s.store().meetings().student_meetings(v.student)) {
    const bool reported = s.store().student_reports().student_report(m.id).has_value();
    // The conversation a refused post was about is shown too: the page says why.
    if (records::report_window(m, now) != ReportWindow::open && !reported && m.id != post.meeting) continue;
    auto c = conversation(s, v, m, *school, view.language);
    if (m.id == post.meeting) {
      c.notice_key = post.notice_key;
      c.notice_kind = post.notice_kind;
      if (!post.problems.empty()) {
        c.form = post.typed;
        c.problems = post.problems;
      }
    }
    view.conversations.push_back(std::move(c));
  }
  return page_response(status, render_student_page(tr, view));
}

http::Response bad_request(app::Services& s, const StudentVisit& v, int status) {
  return page_response(status, render_bad_request(messaging::shipped_translations(), v.reader.language, page_frame(s.config())));
}

const char* refusal_key(ReportWindow w) {
  switch (w) {
    case ReportWindow::not_started: return "student_report.notice.not_started";
    case ReportWindow::cancelled: return "student_report.notice.cancelled";
    case ReportWindow::missed: return "student_report.notice.missed";
    case ReportWindow::open: break;
  }
  return "";
}

}  // namespace

http::Response show_student_page(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto visit = resolve_student_visit(*s, request.params.at("token"));
  if (!visit) return invalid_link_page(page_frame(s->config()));
  PostState state;
  if (const auto saved = request.query.find("saved"); saved != request.query.end())
    state = {saved->second, {}, {}, "student_report.notice.saved", "success"};
  return student_page(*s, *visit, 200, state);
}

http::Response write_student_report(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto visit = resolve_student_visit(*s, request.params.at("token"));
  if (!visit) return invalid_link_page(page_frame(s->config()));
  if (request.body.size() > kStudentPageLimitBytes) return bad_request(*s, *visit, 413);
  if (!http::is_form(request)) return bad_request(*s, *visit, 400);
  const auto form = http::parse_form(request.body);
  if (!form) return bad_request(*s, *visit, 400);
  // Broken UTF-8 could not be read back as text: refuse it before anything else.
  for (const auto& [name, value] : *form)
    if (sdk::detail::first_invalid_utf8(value) != std::string_view::npos) return bad_request(*s, *visit, 400);
  // The student's choice is kept for them alone (any of their meetings names them).
  if (is_language_switch(*form)) {
    if (visit->meetings.empty()) return bad_request(*s, *visit, 400);
    return switch_language(*s, request, visit->meetings.back(), visit->reader, *form, bad_request(*s, *visit, 400));
  }
  const auto id = form->find("meeting");
  const domain::Meeting* meeting = nullptr;
  for (const auto& m : visit->meetings)
    if (id != form->end() && m.id == id->second) meeting = &m;
  if (!meeting) return invalid_link_page(page_frame(s->config()));
  const auto window = records::report_window(*meeting, s->clock().now());
  if (window != ReportWindow::open) return student_page(*s, *visit, 409, {meeting->id, {}, {}, refusal_key(window), "warning"});
  const auto input = records::report_input(*form);
  if (auto problems = records::check_report(input); !problems.empty())
    return student_page(*s, *visit, 422, {meeting->id, input, std::move(problems), "", ""});
  const int version =
      s->store().student_reports().add_student_report(meeting->id, input.reflection, records::filled_activities(input), s->clock().now());
  try {
    // Which report and version, never its text.
    s->store().audit("student", "student_report.write", store::student_report_subject(meeting->id), {{"version", version}},
                     s->clock().now());
  } catch (const std::exception& e) {
    log::error("audit entry student_report.write not written: {}", e.what());
  }
  return see_other(s->config().http.public_url + request.path + "?saved=" + meeting->id + "#conversation-" + meeting->id);
}

}  // namespace lobsync::selfservice
