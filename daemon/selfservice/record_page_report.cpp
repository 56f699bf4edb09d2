#include "selfservice/record_page_report.h"

#include "app/services.h"
#include "messaging/bidi_text.h"
#include "records/report_case.h"
#include "selfservice/page.h"
#include "store/store.h"

#include <fmt/format.h>

namespace lobsync::selfservice {

using messaging::html_escape;
using messaging::html_text;

std::optional<ReportSection> report_section(app::Services& s, const records::RecordCase& rc, const domain::Participant& reader,
                                            const std::string& language) {
  const auto school = s.school();
  const auto c = records::load_report_case(s.store(), rc.meeting.id, *school, s.zone());
  if (!c) return std::nullopt;
  const auto& tr = messaging::shipped_translations();
  const auto& tz = s.config().timezone;
  const auto& latest = c->latest();
  ReportSection out{latest.version, messaging::format_moment(tr, language, latest.created_at, tz), latest.reflection,
                    latest.activities, {}, "", false};
  for (const auto& sig : c->signoff(latest.version).signatures) {
    if (sig.role != "parent") continue;
    std::string name;
    for (const auto& p : c->meeting.participants)
      if (p.key == sig.participant) name = p.name;
    const auto date = messaging::format_moment(tr, language, sig.at, tz);
    out.signatures.push_back(name + ", " + date);
    if (sig.participant == reader.key) out.reader_signed_on = date;
  }
  out.can_sign = reader.role == "parent" && out.reader_signed_on.empty();
  return out;
}

std::string render_report_section(const messaging::Translations& tr, const std::string& lang, const ReportSection& r) {
  std::string out = fmt::format("<section class=\"student-report\"><h2>{}</h2><p class=\"version\">{}</p><p dir=\"auto\">{}</p>",
                                html_text(tr.text(lang, "record_view.report.title")),
                                html_text(tr.text(lang, "record_view.report.version",
                                                    {{"version", std::to_string(r.version)}, {"date", r.written_on}})),
                                paragraph_html(r.reflection));
  if (!r.activities.empty()) {
    out += fmt::format("<h3>{}</h3><ul>", html_text(tr.text(lang, "record_view.report.activities")));
    for (const auto& a : r.activities) out += fmt::format("<li><bdi>{}</bdi></li>", html_escape(a));
    out += "</ul>";
  }
  if (r.signatures.empty()) out += fmt::format("<p>{}</p>", html_text(tr.text(lang, "record_view.report.not_signed")));
  for (const auto& s : r.signatures)
    out += fmt::format("<p class=\"signed\">{}</p>", html_text(tr.text(lang, "record_view.report.signed_by", {{"who", s}})));
  if (!r.reader_signed_on.empty())
    out += fmt::format("<p class=\"you-signed\">{}</p>",
                       html_text(tr.text(lang, "record_view.report.you_signed", {{"date", r.reader_signed_on}})));
  else if (r.can_sign)
    out += fmt::format("<form method=\"post\" class=\"actions\"><input type=\"hidden\" name=\"report_version\" value=\"{}\">"
                       "<p>{}</p><button type=\"submit\" name=\"action\" value=\"sign_report\">{}</button></form>",
                       r.version, html_text(tr.text(lang, "record_view.report.sign_hint")),
                       html_text(tr.text(lang, "record_view.report.sign")));
  return out + "</section>";
}

int latest_report_version(app::Services& s, const std::string& meeting_id) {
  const auto report = s.store().student_reports().student_report(meeting_id);
  return report ? report->latest().version : 0;
}

}  // namespace lobsync::selfservice
