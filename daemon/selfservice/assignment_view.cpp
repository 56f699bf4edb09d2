#include "selfservice/assignment_view.h"

#include "selfservice/page.h"

#include "messaging/bidi_text.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;
using messaging::html_text;

constexpr std::string_view kAnswer = "answer";

std::string page(const messaging::Translations& tr, const std::string& lang, const PageFrame& school, const std::string& body) {
  return html_document(lang, tr.text(lang, "meta.direction"), school, tr.text(lang, "assignment.page_title"), body);
}

}  // namespace

std::string render_assignment(const messaging::Translations& tr, const AssignmentView& v) {
  const auto& lang = v.language;
  const bool invalid = !v.answer_error.empty();
  std::string body = fmt::format("<h1>{}</h1>", html_text(tr.text(lang, "assignment.page_title") + ": " + v.title));
  if (invalid) body += error_summary(tr.text(lang, "page.error_summary"), {{std::string(kAnswer), v.answer_error}});
  body += fmt::format("<p>{}</p><ol>", html_text(tr.text(lang, "assignment.intro", {{"student", v.student_first_name}})));
  for (const auto& step : v.steps) body += fmt::format("<li>{}</li>", html_escape(step));
  body += fmt::format("</ol><dl><dt>{}</dt><dd><bdi>{}</bdi></dd><dt>{}</dt><dd class=\"status\">{}</dd></dl>",
                      html_text(tr.text(lang, "assignment.meeting")), html_escape(v.when),
                      html_text(tr.text(lang, "assignment.status")),
                      html_text(tr.text(lang, v.done ? "assignment.status.done" : "assignment.status.open")));
  const auto max = std::to_string(v.max_answer_chars);
  body += fmt::format("<form method=\"post\"><label for=\"{}\">{}</label>", kAnswer,
                      html_text(tr.text(lang, "assignment.answer", {{"max", max}})));
  if (invalid) body += field_error(kAnswer, v.answer_error);
  body += fmt::format("<textarea id=\"{0}\" name=\"{0}\" dir=\"auto\" rows=\"6\" maxlength=\"{1}\"{2}>{3}</textarea>"
                      "<button type=\"submit\">{4}</button></form>",
                      kAnswer, max, invalid_attributes(kAnswer, invalid), html_escape(v.answer),
                      html_text(tr.text(lang, v.done ? "assignment.update" : "assignment.done")));
  return page(tr, lang, v.school, body);
}

std::string render_assignment_thanks(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                     std::string_view reader_role) {
  const auto lang = tr.resolve(language);
  // An empty href is this page's own address: a GET of the assignment, showing it as done.
  return page(tr, lang, school,
              fmt::format("<h1>{}</h1>{}<p><a href=\"\">{}</a></p>", html_text(tr.text(lang, "assignment.thanks_title")),
                          notice("success", tr.text(lang, reader_role == "student" ? "assignment.thanks.student" : "assignment.thanks.parent")), html_text(tr.text(lang, "assignment.back"))));
}

std::string render_assignment_message(const messaging::Translations& tr, const std::string& language, const PageFrame& school,
                                      const std::string& message) {
  const auto lang = tr.resolve(language);
  return page(tr, lang, school,
              fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "assignment.page_title")), html_escape(message)));
}

}  // namespace lobsync::selfservice
