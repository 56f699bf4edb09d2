#include "selfservice/record_page_view.h"

#include "records/signoff_rules.h"
#include "selfservice/page.h"

#include "messaging/bidi_text.h"

#include <lobsync/json_members.hpp>
#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using lobsync::sdk::string_member;
using messaging::html_escape;
using messaging::html_text;
using nlohmann::json;

constexpr std::string_view kPhases[] = {"look_back", "reflect", "look_forward", "act"};
constexpr std::string_view kViewText = "text";  // the parent's view: the form field and its id

std::string view_error(const messaging::Translations& tr, const RecordPageView& v) {
  return tr.text(v.language, v.error_key, {{"max", std::to_string(records::kMaxViewChars)}});
}

std::string role_label(const messaging::Translations& tr, const std::string& lang, const std::string& role) {
  const auto key = "record_view.role." + role;
  return tr.has(key) ? tr.text(lang, key) : role;
}

std::string phases(const messaging::Translations& tr, const RecordPageView& v) {
  const auto& lang = v.language;
  const auto it = v.body.find("phases");
  if (it == v.body.end() || !it->is_object()) return "";
  std::string out = fmt::format("<h2>{}</h2>", html_text(tr.text(lang, "record_view.phases")));
  for (const auto phase : kPhases) {
    const auto text = string_member(*it, phase);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    out += fmt::format("<h3>{}</h3><p dir=\"auto\">{}</p>", html_text(tr.text(lang, "record_view.phase." + std::string(phase))),
                       paragraph_html(text));
  }
  return out;
}

std::string competences(const messaging::Translations& tr, const RecordPageView& v) {
  const auto it = v.body.find("competences");
  if (it == v.body.end() || !it->is_array() || it->empty()) return "";
  std::string out = fmt::format("<h2>{}</h2><ul>", html_text(tr.text(v.language, "record_view.competences")));
  for (const auto& c : *it) {
    if (!c.is_string()) continue;
    const auto key = "record_view.competence." + c.get<std::string>();
    out += fmt::format("<li>{}</li>", html_escape(tr.has(key) ? tr.text(v.language, key) : c.get<std::string>()));
  }
  return out + "</ul>";
}

std::string next_steps(const messaging::Translations& tr, const RecordPageView& v) {
  const auto it = v.body.find("next_steps");
  if (it == v.body.end() || !it->is_array() || it->empty()) return "";
  const auto& lang = v.language;
  std::string out = fmt::format("<h2>{}</h2><ul>", html_text(tr.text(lang, "record_view.next_steps")));
  for (const auto& step : *it) {
    if (!step.is_object()) continue;
    auto who = role_label(tr, lang, string_member(step, "owner"));
    if (const auto due = string_member(step, "due"); !due.empty()) who += ", " + tr.text(lang, "record_view.due", {{"date", messaging::format_date(tr, lang, due)}});
    out += fmt::format("<li><bdi>{}</bdi> <small>({})</small></li>", paragraph_html(string_member(step, "what")), html_text(who));
  }
  return out + "</ul>";
}

std::string sign_off(const messaging::Translations& tr, const RecordPageView& v) {
  const auto& lang = v.language;
  std::string out = fmt::format("<h2>{}</h2>", html_text(tr.text(lang, "record_view.signoff")));
  if (v.signatures.empty()) out += fmt::format("<p>{}</p>", html_text(tr.text(lang, "record_view.not_signed")));
  for (const auto& s : v.signatures)
    out += fmt::format("<p class=\"signed\">{}</p>",
                       html_text(tr.text(lang, "record_view.signed_by", {{"name", s.name}, {"date", s.date}})));
  if (!v.parent_views.empty()) {
    const auto heading = v.views_by_organisation ? "record_view.parent_views.organisation" : "record_view.parent_views";
    out += fmt::format("<h3>{}</h3>", html_text(tr.text(lang, heading)));
    for (const auto& view : v.parent_views)
      out += fmt::format("<blockquote><p>{}</p><p dir=\"auto\">{}</p></blockquote>",
                         html_text(tr.text(lang, "record_view.view_by", {{"name", view.name}, {"date", view.date}})),
                         paragraph_html(view.text));
  }
  return out;
}

std::string forms(const messaging::Translations& tr, const RecordPageView& v) {
  const auto& lang = v.language;
  const bool student = v.reader_role == "student";
  const auto version = fmt::format("<input type=\"hidden\" name=\"version\" value=\"{}\">", v.version);
  std::string out;
  if (!v.reader_signed_on.empty()) {
    out += fmt::format("<p class=\"you-signed\">{}</p>",
                       html_text(tr.text(lang, student ? "record_view.student_signed" : "record_view.you_signed",
                                           {{"date", v.reader_signed_on}})));
  } else if (v.can_sign) {
    out += fmt::format("<form method=\"post\" class=\"actions\">{}<p>{}</p><button type=\"submit\" name=\"action\" value=\"sign\">{}</button></form>",
                       version, html_text(tr.text(lang, student ? "record_view.student_sign_hint" : "record_view.sign_hint")),
                       html_text(tr.text(lang, "record_view.sign")));
  }
  if (v.can_give_view) {
    const auto max = std::to_string(records::kMaxViewChars);
    const bool invalid = !v.error_key.empty();
    out += fmt::format("<form method=\"post\" class=\"actions\">{}<label for=\"{}\">{}</label>", version, kViewText,
                       html_text(tr.text(lang, "record_view.view_label", {{"max", max}})));
    if (invalid) out += field_error(kViewText, view_error(tr, v));
    out += fmt::format("<textarea id=\"{0}\" name=\"{0}\" dir=\"auto\" rows=\"6\" maxlength=\"{1}\"{2}>{3}</textarea>"
                       "<button type=\"submit\" name=\"action\" value=\"view\">{4}</button></form>",
                       kViewText, max, invalid_attributes(kViewText, invalid), html_escape(v.view_text),
                       html_text(tr.text(lang, "record_view.view_submit")));
  }
  if (v.can_share) {
    out += fmt::format("<h2>{}</h2><p>{}</p><p class=\"shared status\">{}</p><form method=\"post\" class=\"actions\">",
                       html_text(tr.text(lang, "record_view.share_title")), html_text(tr.text(lang, "record_view.share_hint")),
                       html_text(tr.text(lang, v.shared ? "record_view.shared_yes" : "record_view.shared_no")));
    out += v.shared ? fmt::format("<button type=\"submit\" name=\"action\" value=\"unshare\">{}</button>",
                                  html_text(tr.text(lang, "record_view.unshare")))
                    : fmt::format("<button type=\"submit\" name=\"action\" value=\"share\">{}</button>",
                                  html_text(tr.text(lang, "record_view.share")));
    out += "</form>";
  }
  return out;
}

}  // namespace

std::string render_record_page(const messaging::Translations& tr, const RecordPageView& v) {
  const auto& lang = v.language;
  std::string body = fmt::format("<h1>{}</h1>", html_text(tr.text(lang, "record_view.page_title")));
  if (!v.notice_key.empty()) body += notice(v.notice_kind, tr.text(lang, v.notice_key));
  if (!v.error_key.empty())
    body += error_summary(tr.text(lang, "page.error_summary"), {{std::string(kViewText), view_error(tr, v)}});
  body += fmt::format("<p>{}</p>", html_text(tr.text(lang, "record_view.intro",
                                                     {{"student", v.student_first_name},
                                                      {"conversation", v.conversation},
                                                      {"when", v.when}})));
  body += fmt::format("<p class=\"version\">{}</p>",
                      html_text(tr.text(lang, "record_view.version",
                                          {{"version", std::to_string(v.version)}, {"date", v.written_on}, {"mentor", v.mentor_name}})));
  if (!v.attended.empty()) {
    body += fmt::format("<h2>{}</h2><ul>", html_text(tr.text(lang, "record_view.attended")));
    for (const auto& a : v.attended) body += fmt::format("<li><bdi>{}</bdi></li>", html_escape(a));
    body += "</ul>";
  }
  body += phases(tr, v) + competences(tr, v) + next_steps(tr, v);
  // What the record says was discussed (a field absent or not a boolean says nothing).
  for (const std::string topic : {"home_assignment", "aandebak"})
    if (const auto it = v.body.find(topic + "_discussed"); it != v.body.end() && it->is_boolean())
      body += fmt::format("<p>{}</p>", html_text(tr.text(lang, "record_view." + topic + (it->get<bool>() ? "_discussed" : "_not_discussed"))));
  body += sign_off(tr, v) + forms(tr, v);
  if (v.report) body += render_report_section(tr, lang, *v.report);
  return html_document(lang, tr.text(lang, "meta.direction"), v.school, tr.text(lang, "record_view.page_title"), body);
}

std::string render_record_withheld(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                   const std::string& student_first_name) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p class=\"withheld\">{}</p>", html_text(tr.text(lang, "record_view.page_title")),
                                html_text(tr.text(lang, "record_view.withheld", {{"student", student_first_name}})));
  return html_document(lang, tr.text(lang, "meta.direction"), school, tr.text(lang, "record_view.page_title"), body);
}

}  // namespace lobsync::selfservice
