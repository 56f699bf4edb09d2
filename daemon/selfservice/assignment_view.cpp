#include "selfservice/assignment_view.h"

#include "selfservice/page.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;

std::string page(const messaging::Translations& tr, const std::string& lang, const std::string& body) {
  return html_document(lang, tr.text(lang, "meta.direction"), tr.text(lang, "assignment.page_title"), body);
}

}  // namespace

std::string render_assignment(const messaging::Translations& tr, const AssignmentView& v) {
  const auto& lang = v.language;
  std::string body = fmt::format("<h1>{}</h1>", html_escape(tr.text(lang, "assignment.page_title") + ": " + v.title));
  if (!v.notice.empty()) body += fmt::format("<p class=\"notice\">{}</p>", html_escape(v.notice));
  body += fmt::format("<p>{}</p><ol>", html_escape(tr.text(lang, "assignment.intro", {{"student", v.student_first_name}})));
  for (const auto& step : v.steps) body += fmt::format("<li>{}</li>", html_escape(step));
  body += fmt::format("</ol><dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>", html_escape(tr.text(lang, "assignment.meeting")),
                      html_escape(v.when), html_escape(tr.text(lang, "assignment.status")),
                      html_escape(tr.text(lang, v.done ? "assignment.status.done" : "assignment.status.open")));
  const auto max = std::to_string(v.max_answer_chars);
  body += fmt::format(
      "<form method=\"post\"><label for=\"answer\">{}</label>"
      "<textarea id=\"answer\" name=\"answer\" rows=\"6\" cols=\"60\" maxlength=\"{}\">{}</textarea>"
      "<button type=\"submit\">{}</button></form>",
      html_escape(tr.text(lang, "assignment.answer", {{"max", max}})), max, html_escape(v.answer),
      html_escape(tr.text(lang, v.done ? "assignment.update" : "assignment.done")));
  return page(tr, lang, body);
}

std::string render_assignment_thanks(const messaging::Translations& tr, const std::string& language) {
  const auto lang = tr.resolve(language);
  return page(tr, lang,
              fmt::format("<h1>{}</h1><p>{}</p>", html_escape(tr.text(lang, "assignment.thanks_title")),
                          html_escape(tr.text(lang, "assignment.thanks"))));
}

std::string render_assignment_message(const messaging::Translations& tr, const std::string& language,
                                      const std::string& message) {
  const auto lang = tr.resolve(language);
  return page(tr, lang,
              fmt::format("<h1>{}</h1><p>{}</p>", html_escape(tr.text(lang, "assignment.page_title")), html_escape(message)));
}

}  // namespace lobsync::selfservice
