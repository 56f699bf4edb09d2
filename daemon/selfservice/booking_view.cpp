#include "selfservice/booking_view.h"

#include "selfservice/page.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;

std::string row(const messaging::Translations& tr, const std::string& lang, const char* key, const std::string& value) {
  if (value.empty()) return "";
  return fmt::format("<dt>{}</dt><dd>{}</dd>", html_escape(tr.text(lang, key)), html_escape(value));
}

std::string form(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  std::string out = fmt::format("<form method=\"post\"><input type=\"hidden\" name=\"seq\" value=\"{}\">", v.sequence);
  if (v.status != "confirmed") {
    out += fmt::format("<p>{}</p><button type=\"submit\" name=\"action\" value=\"confirm\">{}</button>",
                       html_escape(tr.text(lang, "booking.confirm_hint")), html_escape(tr.text(lang, "booking.confirm")));
  }
  if (v.alternatives.empty()) {
    out += fmt::format("<p>{}</p>", html_escape(tr.text(lang, "booking.no_alternatives")));
  } else {
    out += fmt::format("<fieldset><legend>{}</legend>", html_escape(tr.text(lang, "booking.alternatives")));
    for (const auto& slot : v.alternatives) {
      out += fmt::format("<label><input type=\"radio\" name=\"slot\" value=\"{}\" required> {}</label>", slot.start_unix_s,
                         html_escape(slot.label));
    }
    out += fmt::format("<button type=\"submit\" name=\"action\" value=\"move\">{}</button></fieldset>",
                       html_escape(tr.text(lang, "booking.move")));
  }
  return out + "</form>";
}

}  // namespace

std::string render_booking(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  std::string body = fmt::format("<h1>{}</h1>", html_escape(tr.text(lang, "booking.page_title")));
  if (!v.notice_key.empty()) body += fmt::format("<p class=\"notice\">{}</p>", html_escape(tr.text(lang, v.notice_key)));
  body += fmt::format("<p>{}</p><dl>", html_escape(tr.text(lang, "booking.intro", {{"student", v.student_first_name}})));
  body += row(tr, lang, "booking.conversation", v.conversation);
  body += row(tr, lang, "booking.when", v.when);
  body += row(tr, lang, "booking.where", v.where);
  body += row(tr, lang, "booking.mentor", v.mentor_name);
  const auto status_key = "booking.status." + v.status;
  body += row(tr, lang, "booking.status", tr.has(status_key) ? tr.text(lang, status_key) : v.status);
  body += "</dl>";
  body += v.changeable ? form(tr, v) : fmt::format("<p>{}</p>", html_escape(tr.text(lang, "booking.closed")));
  return html_document(lang, tr.text(lang, "meta.direction"), tr.text(lang, "booking.page_title"), body);
}

std::string render_invalid_link(const messaging::Translations& tr) {
  const auto body = fmt::format("<h1 lang=\"nl\">{}</h1><p lang=\"en\">{}</p>", html_escape(tr.text("nl", "booking.invalid_link")),
                                html_escape(tr.text("en", "booking.invalid_link")));
  return html_document("nl", "ltr", tr.text("nl", "booking.invalid_link"), body);
}

std::string render_bad_request(const messaging::Translations& tr, const std::string& language) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p>{}</p>", html_escape(tr.text(lang, "booking.page_title")),
                                html_escape(tr.text(lang, "booking.bad_request")));
  return html_document(lang, tr.text(lang, "meta.direction"), tr.text(lang, "booking.page_title"), body);
}

}  // namespace lobsync::selfservice
