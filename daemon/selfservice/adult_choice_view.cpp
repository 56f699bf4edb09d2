#include "selfservice/adult_choice_view.h"

#include "messaging/bidi_text.h"
#include "selfservice/page.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_text;

std::string page(const messaging::Translations& tr, const std::string& lang, const PageFrame& school, const std::string& body) {
  return html_document(lang, tr.text(lang, "meta.direction"), school, tr.text(lang, "adult_choice.page_title"), body);
}

}  // namespace

std::string render_adult_choice(const messaging::Translations& tr, const AdultChoiceView& v) {
  const auto& lang = v.language;
  std::string body;
  if (!v.notice_key.empty()) body += notice(v.notice_kind, tr.text(lang, v.notice_key));
  body += fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "adult_choice.page_title")),
                      html_text(tr.text(lang, "adult_choice.intro", {{"conversation", v.conversation}})));
  const auto current = v.answer.empty() ? "adult_choice.current.none" : "adult_choice.current." + v.answer;
  body += fmt::format("<p class=\"status\">{}</p>", html_text(tr.text(lang, current, {{"date", v.until}})));
  if (!v.changeable) {
    body += notice("warning", tr.text(lang, "adult_choice.closed"));
    return page(tr, lang, v.school, body);
  }
  // Two buttons, one per answer: a single tap answers, no script and no radio to miss.
  body += fmt::format(
      "<form method=\"post\" class=\"actions\"><fieldset><legend>{}</legend>"
      "<button type=\"submit\" name=\"answer\" value=\"parents\"{}>{}</button> "
      "<button type=\"submit\" name=\"answer\" value=\"alone\" class=\"secondary\"{}>{}</button>"
      "</fieldset></form>",
      html_text(tr.text(lang, "adult_choice.question")), v.answer == "parents" ? " aria-pressed=\"true\"" : "",
      html_text(tr.text(lang, "adult_choice.parents")), v.answer == "alone" ? " aria-pressed=\"true\"" : "",
      html_text(tr.text(lang, "adult_choice.alone")));
  return page(tr, lang, v.school, body);
}

std::string render_adult_choice_message(const messaging::Translations& tr, const std::string& language,
                                        const PageFrame& school, const std::string& key) {
  const auto lang = tr.resolve(language);
  return page(tr, lang, school,
              fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "adult_choice.page_title")),
                          html_text(tr.text(lang, key))));
}

}  // namespace lobsync::selfservice
