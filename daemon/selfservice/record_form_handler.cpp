#include "selfservice/record_form_handler.h"

#include "app/attendance.h"
#include "app/services.h"
#include "core/log.h"
#include "domain/career_phase.h"
#include "http/form.h"
#include "links/key_ring.h"
#include "records/record_check.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"
#include "selfservice/record_form_view.h"
#include "selfservice/record_submit.h"

#include <lobsync/text_encoding.hpp>

namespace lobsync::selfservice {
namespace {

using domain::Meeting;

std::optional<Meeting> resolve_meeting(app::Services& s, const std::string& token) {
  const auto verified =
      links::verify(token, links::kRecordForm, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("record form link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  auto meeting = s.store().meetings().meeting(verified.claims.subject);
  if (!meeting) log::info("record form link refused: its meeting is gone");
  return meeting;
}

// The meeting's mentor as invited (a meeting planned without one still has its mentor's key).
domain::Participant mentor_of(const Meeting& m) {
  for (const auto& p : m.participants)
    if (p.role == "mentor") return p;
  return {"mentor", m.mentor, "", "", ""};
}

std::string mentor_language(const Meeting& m) { return messaging::shipped_translations().resolve(mentor_of(m).language); }

http::Response message(app::Services& s, const Meeting& m, int status, const char* key) {
  return page_response(status, render_record_message(messaging::shipped_translations(), mentor_language(m), page_frame(s.config()), key));
}

// The latest stored version of the meeting's record: its body and number, or {null, 0}.
std::pair<nlohmann::json, int> latest_version(app::Services& s, const Meeting& m) {
  for (const auto& record : s.store().records().student_records(m.student))
    if (record.meeting == m.id && !record.versions.empty())
      return {record.versions.back().body, record.versions.back().version};
  return {nullptr, 0};
}

// The AanDeBak question belongs to the meeting's type (policy); a record that answered it keeps
// it even if the school turns the question off later.
bool asks_aandebak(app::Services& s, const Meeting& m, const nlohmann::json& stored) {
  const auto* type = s.config().planning.type(m.type);
  return (type != nullptr && type->aandebak) || (stored.is_object() && stored.contains("aandebak_discussed"));
}

RecordFormView view_for(app::Services& s, const Meeting& m) {
  const auto& tr = messaging::shipped_translations();
  RecordFormView view;
  view.language = mentor_language(m);
  view.school = page_frame(s.config());
  for (const auto& p : m.participants)
    if (p.role == "student") view.student_name = p.name;
  view.when = messaging::format_date_time(tr, view.language, m.start, m.end, s.config().timezone);
  if (const auto phase = domain::career_phase_of(*s.school(), s.config().planning, m); !phase.empty())
    view.career_phase = tr.text(view.language, "career_phase." + phase);
  view.status = m.status;
  return view;
}

// The attendance buttons under the form: marked as `lobsync attendance` marks it, then back to
// the form by GET (303), which says what was done.
http::Response mark_from_form(app::Services& s, const http::Request& request, const Meeting& m,
                              const std::map<std::string, std::string>& form) {
  const auto it = form.find("outcome");
  const auto outcome = it == form.end() ? std::nullopt : app::parse_attendance(it->second);
  if (!outcome) return message(s, m, 400, "record_form.bad_request");
  const auto marked = app::mark_attendance(s, m.id, *outcome, m.mentor);
  switch (marked.result) {
    case app::AttendanceResult::marked: break;
    case app::AttendanceResult::no_such_meeting: return invalid_link_page(page_frame(s.config()));
    case app::AttendanceResult::cancelled: return message(s, m, 410, "record_form.cancelled");
    case app::AttendanceResult::not_started: return message(s, m, 409, "record_form.not_started");
  }
  return see_other(s.config().http.public_url + request.path + "?done=" + store::attendance_name(*outcome));
}

}  // namespace

http::Response show_record_form(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto meeting = resolve_meeting(*s, request.params.at("token"));
  if (!meeting) return invalid_link_page(page_frame(s->config()));
  if (!meeting->active()) return message(*s, *meeting, 410, "record_form.cancelled");
  // The link is in the mentor's calendar before the meeting: it says when the form opens.
  if (meeting->start > s->clock().now()) return message(*s, *meeting, 200, "record_form.not_started");
  auto view = view_for(*s, *meeting);
  const auto [body, version] = latest_version(*s, *meeting);
  view.values = values_from_body(body);
  view.values.asks_aandebak = asks_aandebak(*s, *meeting, body);
  view.prefilled_version = version;
  // After an attendance mark (mark_from_form), while the meeting is still that way.
  if (const auto done = request.query.find("done"); done != request.query.end()) {
    const auto outcome = app::parse_attendance(done->second);
    const bool still = outcome && (meeting->status == domain::kHeld) == (*outcome == store::Attendance::held);
    if (still) view.notice_key = std::string("record_form.attendance.done.") + store::attendance_name(*outcome);
  }
  return page_response(200, render_record_form(messaging::shipped_translations(), view));
}

http::Response submit_record_form(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto meeting = resolve_meeting(*s, request.params.at("token"));
  if (!meeting) return invalid_link_page(page_frame(s->config()));
  const auto& m = *meeting;
  if (request.body.size() > kRecordFormLimitBytes) return message(*s, m, 413, "assignment.too_big");
  if (!http::is_form(request)) return message(*s, m, 400, "record_form.bad_request");
  const auto form = http::parse_form(request.body);
  if (!form) return message(*s, m, 400, "record_form.bad_request");
  if (is_language_switch(*form))
    return switch_language(*s, request, m, mentor_of(m), *form, message(*s, m, 400, "record_form.bad_request"));
  if (!m.active()) return message(*s, m, 410, "record_form.cancelled");
  // Broken UTF-8 would fail later when the record is read back as JSON: refuse it here.
  for (const auto& [name, value] : *form)
    if (sdk::detail::first_invalid_utf8(value) != std::string_view::npos) return message(*s, m, 400, "record_form.bad_request");
  // Written in advance, a record would count a conversation as held that has not taken place.
  if (m.start > s->clock().now()) return message(*s, m, 409, "record_form.not_started");
  if (const auto action = form->find("action"); action != form->end() && action->second == "attendance")
    return mark_from_form(*s, request, m, *form);

  auto view = view_for(*s, m);
  view.values = values_from_form(*form);
  view.values.asks_aandebak = asks_aandebak(*s, m, latest_version(*s, m).first);
  const auto built = body_of(view.values);
  const auto errors = records::validate_record(built.body);
  if (!errors.empty()) {
    view.errors = form_errors(errors, built, messaging::shipped_translations(), view.language);
    return page_response(422, render_record_form(messaging::shipped_translations(), view));
  }
  const auto written = store_record(*s, m, m.mentor, built.body);
  return page_response(201, render_record_saved(messaging::shipped_translations(), view.language, view.school, written.version));
}

}  // namespace lobsync::selfservice
