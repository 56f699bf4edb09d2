#include "selfservice/record_page.h"

#include "app/services.h"
#include "core/log.h"
#include "http/form.h"
#include "links/key_ring.h"
#include "links/token.h"
#include "planning/conversation_title.h"
#include "records/record_case.h"
#include "selfservice/booking_view.h"
#include "selfservice/language_switch.h"
#include "selfservice/page.h"
#include "selfservice/record_page_report.h"
#include "selfservice/record_page_view.h"
#include "store/store.h"

#include <date/tz.h>

#include <charconv>

namespace lobsync::selfservice {
namespace {

using domain::Participant;
using records::RecordCase;

// Who opened which record. `school` outlives it (the case points into it).
struct RecordVisit {
  RecordCase c;
  Participant reader;
};

std::optional<RecordVisit> resolve_record_visit(app::Services& s, const std::string& token, const domain::School& school) {
  const auto verified = links::verify(token, links::kRecord, links::secret_lookup(s.store().link_keys()), s.clock().now());
  if (!verified.ok()) {
    log::info("record link refused: {}", links::failure_name(verified.failure));
    return std::nullopt;
  }
  const auto subject = links::parse_booking_subject(verified.claims.subject);
  if (!subject) return std::nullopt;
  auto c = records::load_case(s.store(), subject->first, school, s.zone());
  const auto* reader = c ? c->reader(subject->second) : nullptr;
  if (!reader) {
    log::info("record link refused: its record or reader is gone");
    return std::nullopt;
  }
  const auto who = *reader;
  return RecordVisit{std::move(*c), who};
}

http::Response bad_request(app::Services& s, int status, const Participant& reader) {
  return page_response(status, render_bad_request(messaging::shipped_translations(), reader.language, page_frame(s.config())));
}

bool may_read(const RecordVisit& v) { return v.reader.role == "student" || v.c.parents_may_see(); }
bool adult_student(const RecordVisit& v) { return v.reader.role == "student" && v.c.adult; }

http::Response withheld(app::Services& s, const RecordVisit& v) {
  return page_response(403, render_record_withheld(messaging::shipped_translations(), v.reader.language, page_frame(s.config()),
                                                    v.c.student_first_name()));
}

std::string name_of(const RecordCase& c, const std::string& key) {
  for (const auto& p : c.meeting.participants)
    if (p.key == key) return p.name;
  return "";
}


std::vector<std::string> attended(const RecordCase& c, const std::string& lang) {
  const auto& tr = messaging::shipped_translations();
  std::vector<std::string> out;
  const auto it = c.latest().body.find("attended");
  if (it == c.latest().body.end() || !it->is_array()) return out;
  for (const auto& role : *it) {
    if (!role.is_string()) continue;
    std::string names;
    for (const auto& p : c.meeting.participants)
      if (p.role == role.get<std::string>() && !p.name.empty()) names += (names.empty() ? "" : ", ") + p.name;
    const auto label = tr.text(lang, "record_view.role." + role.get<std::string>());
    out.push_back(names.empty() ? label : label + " (" + names + ")");
  }
  return out;
}

// What the page says above the record (notice_kind as page.h notice()) and at the view form.
struct RecordPageState {
  std::string notice_key, notice_kind, error_key, view_text;
};

// The page as the store holds the record now (a link sent for an older version shows the latest).
http::Response record_page(app::Services& s, const RecordVisit& stale, int status, const RecordPageState& state = {}) {
  const auto school = s.school();
  const auto c = records::load_case(s.store(), stale.c.record.id, *school, s.zone());
  if (!c) return invalid_link_page(page_frame(s.config()));
  const auto& tr = messaging::shipped_translations();
  const auto& tz = s.config().timezone;
  const auto& latest = c->latest();
  RecordPageView v;
  v.language = tr.resolve(stale.reader.language);
  v.school = page_frame(s.config());
  v.conversation = planning::conversation_title(tr, v.language, s.config().planning, c->meeting);
  v.student_first_name = c->student_first_name();
  v.when = messaging::format_date_time(tr, v.language, c->meeting.start, c->meeting.end, tz);
  v.mentor_name = name_of(*c, c->meeting.mentor);
  v.version = latest.version;
  v.written_on = messaging::format_moment(tr, v.language, latest.created_at, tz);
  v.body = latest.body;
  v.attended = attended(*c, v.language);
  const auto signoff = c->signoff(latest.version);
  for (const auto& sig : signoff.signatures) {
    v.signatures.push_back({name_of(*c, sig.participant), messaging::format_moment(tr, v.language, sig.at, tz)});
    if (sig.participant == stale.reader.key) v.reader_signed_on = v.signatures.back().date;
  }
  v.views_by_organisation = !signoff.parent_views.empty();
  for (const auto& view : signoff.parent_views) {
    v.parent_views.push_back({name_of(*c, view.participant), messaging::format_moment(tr, v.language, view.at, tz), view.text});
    const auto g = school->guardians.find(view.participant);
    v.views_by_organisation = v.views_by_organisation && g != school->guardians.end() && g->second.is_organisation;
  }
  v.reader_role = stale.reader.role;
  const bool adult = v.reader_role == "student" && c->adult;
  v.can_sign = v.reader_role == "parent" || adult;
  v.can_give_view = v.reader_role == "parent";
  v.can_share = adult;
  v.shared = c->parents_may_see();
  v.notice_key = state.notice_key;
  v.notice_kind = state.notice_kind;
  v.error_key = state.error_key;
  v.view_text = state.view_text;
  v.report = report_section(s, *c, stale.reader, v.language);
  return page_response(status, render_record_page(tr, v));
}

std::optional<int> version_of(const std::map<std::string, std::string>& form) {
  const auto it = form.find("version");
  if (it == form.end() || it->second.empty()) return std::nullopt;
  int value = 0;
  const auto* end = it->second.data() + it->second.size();
  const auto [ptr, ec] = std::from_chars(it->second.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 1) return std::nullopt;
  return value;
}

void audit(app::Services& s, const RecordVisit& v, const char* action, nlohmann::json detail) {
  try {
    s.store().audit(v.reader.role, action, "record:" + v.c.record.id, detail, s.clock().now());
  } catch (const std::exception& e) {
    log::error("audit entry {} not written: {}", action, e.what());
  }
}

http::Response sign(app::Services& s, const RecordVisit& v) {
  const int version = v.c.latest().version;
  const store::SignOff signature{v.c.record.id, version, v.reader.key, v.reader.role, std::string(store::kSigned), "",
                                 s.clock().now()};
  if (!s.store().signoffs().add_signoff(signature)) return record_page(s, v, 200, {"record_view.notice.already_signed", "success", "", ""});
  audit(s, v, "record.sign", {{"version", version}});
  const auto* signed_key = v.reader.role == "student" ? "record_view.notice.signed.student" : "record_view.notice.signed.parent";
  return record_page(s, v, 200, {signed_key, "success", "", ""});
}

http::Response give_view(app::Services& s, const RecordVisit& v, const std::map<std::string, std::string>& form) {
  const auto it = form.find("text");
  const std::string text = it == form.end() ? "" : it->second;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return record_page(s, v, 422, {"", "", "record_view.error.view_empty", text});
  if (records::characters(text) > records::kMaxViewChars)
    return record_page(s, v, 422, {"", "", "record_view.error.view_too_long", text});
  const int version = v.c.latest().version;
  s.store().signoffs().add_signoff(
      {v.c.record.id, version, v.reader.key, v.reader.role, std::string(store::kView), text, s.clock().now()});
  audit(s, v, "record.view", {{"version", version}});  // never the text
  return record_page(s, v, 200, {"record_view.notice.view_saved", "success", "", ""});
}

// A parent signs the latest version of the student's own report (report_version=N).
http::Response sign_report(app::Services& s, const RecordVisit& v, const std::map<std::string, std::string>& form) {
  const auto it = form.find("report_version");
  const auto version = it == form.end() ? std::nullopt : version_of({{"version", it->second}});
  if (!version) return bad_request(s, 400, v.reader);
  const int latest = latest_report_version(s, v.c.meeting.id);
  if (latest == 0) return bad_request(s, 404, v.reader);
  if (*version != latest) return record_page(s, v, 409, {"record_view.report.changed", "warning", "", ""});
  const auto subject = store::student_report_subject(v.c.meeting.id);
  if (!s.store().signoffs().add_signoff({subject, latest, v.reader.key, "parent", std::string(store::kSigned), "", s.clock().now()}))
    return record_page(s, v, 200, {"record_view.notice.already_signed", "success", "", ""});
  try {
    s.store().audit("parent", "student_report.sign", subject, {{"version", latest}}, s.clock().now());
  } catch (const std::exception& e) {
    log::error("audit entry student_report.sign not written: {}", e.what());
  }
  return record_page(s, v, 200, {"record_view.report.signed", "success", "", ""});
}

http::Response share(app::Services& s, const RecordVisit& v, bool shared) {
  s.store().signoffs().set_sharing(v.c.record.id, {shared, v.reader.key, s.clock().now()});
  audit(s, v, shared ? "record.share" : "record.unshare", nlohmann::json::object());
  return record_page(s, v, 200, {shared ? "record_view.notice.shared" : "record_view.notice.unshared", "success", "", ""});
}

}  // namespace

http::Response show_record(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto school = s->school();
  const auto visit = resolve_record_visit(*s, request.params.at("token"), *school);
  if (!visit) return invalid_link_page(page_frame(s->config()));
  if (!may_read(*visit)) return withheld(*s, *visit);
  return record_page(*s, *visit, 200);
}

http::Response change_record(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto school = s->school();
  const auto visit = resolve_record_visit(*s, request.params.at("token"), *school);
  if (!visit) return invalid_link_page(page_frame(s->config()));
  if (request.body.size() > kRecordPageLimitBytes) return bad_request(*s, 413, visit->reader);
  if (!http::is_form(request)) return bad_request(*s, 400, visit->reader);
  const auto form = http::parse_form(request.body);
  if (!form) return bad_request(*s, 400, visit->reader);
  // Also from the page that says the record is not shared: it is read too.
  if (is_language_switch(*form))
    return switch_language(*s, request, visit->c.meeting, visit->reader, *form, bad_request(*s, 400, visit->reader));
  if (!may_read(*visit)) return withheld(*s, *visit);
  const auto action_it = form->find("action");
  const std::string action = action_it == form->end() ? "" : action_it->second;
  if (action == "share" || action == "unshare") {
    if (!adult_student(*visit)) return bad_request(*s, 403, visit->reader);
    return share(*s, *visit, action == "share");
  }
  if (action == "sign_report") {
    if (visit->reader.role != "parent") return bad_request(*s, 403, visit->reader);
    return sign_report(*s, *visit, *form);
  }
  if (action != "sign" && action != "view") return bad_request(*s, 400, visit->reader);
  const auto version = version_of(*form);
  if (!version) return bad_request(*s, 400, visit->reader);
  if (visit->reader.role == "student" && (action == "view" || !visit->c.adult)) return bad_request(*s, 403, visit->reader);
  if (*version != visit->c.latest().version) return record_page(*s, *visit, 409, {"record_view.notice.changed", "warning", "", ""});
  return action == "sign" ? sign(*s, *visit) : give_view(*s, *visit, *form);
}

}  // namespace lobsync::selfservice
