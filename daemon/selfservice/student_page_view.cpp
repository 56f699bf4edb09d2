#include "selfservice/student_page_view.h"

#include "messaging/bidi_text.h"
#include "selfservice/page.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;
using messaging::html_text;

// Every text of the report form may name the limits.
std::string limits(const messaging::Translations& tr, const std::string& lang, const std::string& key) {
  return tr.text(lang, key,
                 {{"reflection_max", std::to_string(records::kMaxReflectionChars)},
                  {"activity_max", std::to_string(records::kMaxActivityChars)},
                  {"rows", std::to_string(records::kMaxActivities)}});
}

// The control ids are unique on the page: "<field>-<meeting id>".
std::string control(const StudentConversation& c, const std::string& field) { return field + "-" + c.meeting_id; }

std::string problem_of(const messaging::Translations& tr, const std::string& lang, const StudentConversation& c,
                       const std::string& field) {
  for (const auto& p : c.problems)
    if (p.field == field) return limits(tr, lang, p.key);
  return "";
}

std::string report(const messaging::Translations& tr, const std::string& lang, const StudentConversation& c) {
  if (c.version == 0) return fmt::format("<p>{}</p>", html_text(tr.text(lang, "student_report.none_yet")));
  std::string out = fmt::format("<h3>{}</h3><p class=\"version\">{}</p><p dir=\"auto\" class=\"reflection\">{}</p>",
                                html_text(tr.text(lang, "student_report.your_report")),
                                html_text(tr.text(lang, "student_report.version",
                                                    {{"version", std::to_string(c.version)}, {"date", c.written_on}})),
                                paragraph_html(c.reflection));
  if (!c.activities.empty()) {
    out += fmt::format("<h4>{}</h4><ul class=\"activities\">", html_text(tr.text(lang, "student_report.activities")));
    for (const auto& a : c.activities) out += fmt::format("<li><bdi>{}</bdi></li>", html_escape(a));
    out += "</ul>";
  }
  if (c.signed_by.empty()) return out + fmt::format("<p>{}</p>", html_text(tr.text(lang, "student_report.not_signed")));
  for (const auto& s : c.signed_by)
    out += fmt::format("<p class=\"signed\">{}</p>", html_text(tr.text(lang, "student_report.signed_by", {{"who", s}})));
  return out;
}

std::string form(const messaging::Translations& tr, const std::string& lang, const StudentConversation& c) {
  const auto reflection_id = control(c, "reflection");
  const auto reflection_error = problem_of(tr, lang, c, "reflection");
  std::string out = fmt::format("<form method=\"post\" class=\"report\"><input type=\"hidden\" name=\"meeting\" value=\"{}\">",
                                html_escape(c.meeting_id));
  out += fmt::format("<label for=\"{}\">{}</label><p class=\"hint\">{}</p>", reflection_id,
                     html_text(tr.text(lang, "student_report.reflection_label")),
                     html_text(limits(tr, lang, "student_report.reflection_hint")));
  if (!reflection_error.empty()) out += field_error(reflection_id, reflection_error);
  out += fmt::format("<textarea id=\"{0}\" name=\"reflection\" dir=\"auto\" rows=\"6\" maxlength=\"{1}\"{2}>{3}</textarea>",
                     reflection_id, records::kMaxReflectionChars, invalid_attributes(reflection_id, !reflection_error.empty()),
                     html_escape(c.form.reflection));
  out += fmt::format("<fieldset><legend>{}</legend><p class=\"hint\">{}</p>", html_text(tr.text(lang, "student_report.activities")),
                     html_text(limits(tr, lang, "student_report.activities_hint")));
  for (std::size_t i = 0; i < records::kMaxActivities; ++i) {
    const auto field = "activity" + std::to_string(i + 1);
    const auto id = control(c, field);
    const auto error = problem_of(tr, lang, c, field);
    const auto value = i < c.form.activities.size() ? c.form.activities[i] : "";
    out += fmt::format("<label for=\"{}\">{}</label>", id,
                       html_text(tr.text(lang, "student_report.activity_label", {{"n", std::to_string(i + 1)}})));
    if (!error.empty()) out += field_error(id, error);
    out += fmt::format("<input type=\"text\" id=\"{0}\" name=\"{1}\" dir=\"auto\" maxlength=\"{2}\" value=\"{3}\"{4}>", id, field,
                       records::kMaxActivityChars, html_escape(value), invalid_attributes(id, !error.empty()));
  }
  return out + fmt::format("</fieldset><button type=\"submit\">{}</button></form>",
                           html_text(tr.text(lang, c.version ? "student_report.save_edit" : "student_report.save")));
}

std::string conversation(const messaging::Translations& tr, const std::string& lang, const StudentConversation& c) {
  std::string out = fmt::format("<section id=\"conversation-{}\"><h2>{}</h2><p>{}</p>", html_escape(c.meeting_id),
                                html_text(c.conversation), html_text(c.when));
  if (!c.notice_key.empty()) out += notice(c.notice_kind, tr.text(lang, c.notice_key));
  if (!c.problems.empty()) {
    std::vector<FormProblem> problems;
    for (const auto& p : c.problems) problems.push_back({control(c, p.field), limits(tr, lang, p.key)});
    out += error_summary(tr.text(lang, "page.error_summary"), problems);
  }
  if (!c.record_link.empty())
    out += fmt::format("<p><a class=\"record-link\" href=\"{}\">{}</a></p>", html_escape(c.record_link),
                       html_text(tr.text(lang, "student_report.read_record")));
  out += report(tr, lang, c);
  if (c.can_write) out += form(tr, lang, c);
  return out + "</section>";
}

}  // namespace

std::string render_student_page(const messaging::Translations& tr, const StudentPageView& v) {
  const auto& lang = v.language;
  std::string body = fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "student_report.page_title")),
                                 html_text(tr.text(lang, "student_report.intro", {{"student", v.student_first_name}})));
  if (v.conversations.empty()) body += fmt::format("<p>{}</p>", html_text(tr.text(lang, "student_report.no_conversations")));
  for (const auto& c : v.conversations) body += conversation(tr, lang, c);
  return html_document(lang, tr.text(lang, "meta.direction"), v.school, tr.text(lang, "student_report.page_title"), body);
}

}  // namespace lobsync::selfservice
