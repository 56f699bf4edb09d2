// The booking page's interpreter part: a family that reads little Dutch (seed 003) asks for an
// interpreter in their language; the conversation becomes longer and the mentor is told
// (app/rebooking.h). Once asked, the page says so instead of asking again.
#include "selfservice/booking_view.h"
#include "selfservice/page.h"

#include "messaging/bidi_text.h"

#include <fmt/format.h>

namespace lobsync::selfservice {

using messaging::html_escape;
using messaging::html_text;

std::string interpreter_section(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  if (!v.interpreter.empty()) return fmt::format("<p>{}</p>", html_text(tr.text(lang, "booking.interpreter.requested")));
  // A request that did not fit rides with the move form above; asking again would not fit either.
  if (!v.interpreter_pending.empty() || v.interpreter_choices.empty()) return "";
  std::string options;
  for (const auto& c : v.interpreter_choices)
    options += fmt::format("<option value=\"{}\">{}</option>", html_escape(c.code), html_escape(c.label));
  return fmt::format(
      "<form method=\"post\" class=\"actions interpreter\"><h2>{}</h2>"
      "<input type=\"hidden\" name=\"seq\" value=\"{}\"><p>{}</p>"
      "<label for=\"interpreter-language\">{}</label><select id=\"interpreter-language\" name=\"language\">{}</select>"
      "<button type=\"submit\" name=\"action\" value=\"interpreter\" class=\"secondary\">{}</button></form>",
      html_text(tr.text(lang, "booking.interpreter.heading")), v.sequence,
      html_text(tr.text(lang, "booking.interpreter.text", {{"minutes", std::to_string(v.interpreter_minutes)}})),
      html_text(tr.text(lang, "booking.interpreter.language")), options,
      html_text(tr.text(lang, "booking.interpreter.submit")));
}

}  // namespace lobsync::selfservice
