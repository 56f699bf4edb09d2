#include "selfservice/booking_view.h"

#include "selfservice/page.h"

#include "messaging/bidi_text.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

using messaging::html_escape;
using messaging::html_text;

constexpr std::string_view kFirstSlot = "slot-0";

std::string row(const messaging::Translations& tr, const std::string& lang, const char* key, const std::string& value,
                const char* css_class = nullptr) {
  if (value.empty()) return "";
  // The value is data (a room, a name) or a date: isolated from the label's direction.
  return fmt::format("<dt>{}</dt><dd{}><bdi>{}</bdi></dd>", html_text(tr.text(lang, key)),
                     css_class ? fmt::format(" class=\"{}\"", css_class) : "", html_escape(value));
}

std::string sequence_field(const BookingView& v) {
  return fmt::format("<input type=\"hidden\" name=\"seq\" value=\"{}\">", v.sequence);
}

// Confirming and moving are separate forms: the time choice of one never blocks the other.
std::string confirm_form(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  return fmt::format(
      "<form method=\"post\" class=\"actions\">{}<p>{}</p>"
      "<button type=\"submit\" name=\"action\" value=\"confirm\">{}</button></form>",
      sequence_field(v), html_text(tr.text(lang, "booking.confirm_hint")), html_text(tr.text(lang, "booking.confirm")));
}

std::string move_form(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  if (v.alternatives.empty()) return fmt::format("<p>{}</p>", html_text(tr.text(lang, "booking.no_alternatives")));
  const auto error = tr.text(lang, "booking.error.no_slot");
  std::string out = fmt::format("<form method=\"post\" class=\"actions\">{}<fieldset id=\"slots\"{}><legend>{}</legend>",
                                sequence_field(v), v.slot_missing ? " class=\"invalid\"" : "",
                                html_text(tr.text(lang, "booking.alternatives")));
  if (v.slot_missing) out += field_error(kFirstSlot, error);
  for (std::size_t i = 0; i < v.alternatives.size(); ++i) {
    const auto id = fmt::format("slot-{}", i);
    out += fmt::format(
        "<label class=\"choice\" for=\"{0}\"><input type=\"radio\" id=\"{0}\" name=\"slot\" value=\"{1}\"{2}>"
        "<span>{3}</span></label>",
        id, v.alternatives[i].start_unix_s, invalid_attributes(kFirstSlot, v.slot_missing), html_escape(v.alternatives[i].label));
  }
  if (!v.interpreter_pending.empty())
    out += fmt::format("<input type=\"hidden\" name=\"interpreter\" value=\"{}\">", html_escape(v.interpreter_pending));
  out += fmt::format("</fieldset><p>{}</p><button type=\"submit\" name=\"action\" value=\"move\" class=\"secondary\">{}</button></form>",
                     html_text(tr.text(lang, "booking.move_hint")), html_text(tr.text(lang, "booking.move")));
  return out;
}

}  // namespace

std::string render_booking(const messaging::Translations& tr, const BookingView& v) {
  const auto& lang = v.language;
  std::string body = fmt::format("<h1>{}</h1>", html_text(tr.text(lang, "booking.page_title")));
  if (!v.notice_key.empty()) body += notice(v.notice_kind, tr.text(lang, v.notice_key, {{"when", v.when}}));
  if (v.slot_missing)
    body += error_summary(tr.text(lang, "page.error_summary"), {{std::string(kFirstSlot), tr.text(lang, "booking.error.no_slot")}});
  body += fmt::format("<p>{}</p><dl>", html_text(tr.text(lang, "booking.intro", {{"student", v.student_first_name}})));
  body += row(tr, lang, "booking.conversation", v.conversation);
  body += row(tr, lang, "invitation.label.career_phase", v.career_phase);
  body += row(tr, lang, "booking.when", v.when);
  body += row(tr, lang, "booking.where", v.where);
  body += row(tr, lang, v.lead_is_decaan ? "booking.decaan" : "booking.mentor", v.mentor_name);
  body += row(tr, lang, "invitation.label.interpreter", v.interpreter);
  const auto status_key = "booking.status." + v.status;
  body += row(tr, lang, "booking.status", tr.has(status_key) ? tr.text(lang, status_key) : v.status, "status");
  body += "</dl>";
  if (!v.changeable) return html_document(lang, tr.text(lang, "meta.direction"), v.school, tr.text(lang, "booking.page_title"),
                                          body + fmt::format("<p>{}</p>", html_text(tr.text(lang, "booking.closed"))));
  if (v.status != "confirmed") body += confirm_form(tr, v);
  body += move_form(tr, v);
  body += interpreter_section(tr, v);
  return html_document(lang, tr.text(lang, "meta.direction"), v.school, tr.text(lang, "booking.page_title"), body);
}

std::string render_invalid_link(const messaging::Translations& tr, const PageFrame& school) {
  const auto body = fmt::format("<h1 lang=\"nl\">{}</h1><p lang=\"nl\">{}</p><p lang=\"en\">{}</p><p lang=\"en\">{}</p>",
                                html_text(tr.text("nl", "booking.invalid_link")), html_text(tr.text("nl", "page.invalid_link_help")),
                                html_text(tr.text("en", "booking.invalid_link")), html_text(tr.text("en", "page.invalid_link_help")));
  // It speaks both languages already, and there is no reader to remember a choice for.
  auto frame = school;
  frame.language_switch = false;
  return html_document("nl", "ltr", frame, tr.text("nl", "booking.invalid_link"), body);
}

std::string render_bad_request(const messaging::Translations& tr, const std::string& language, const PageFrame& school) {
  const auto lang = tr.resolve(language);
  const auto body = fmt::format("<h1>{}</h1><p>{}</p>", html_text(tr.text(lang, "page.bad_request_title")),
                                html_text(tr.text(lang, "page.bad_request")));
  return html_document(lang, tr.text(lang, "meta.direction"), school, tr.text(lang, "page.bad_request_title"), body);
}

}  // namespace lobsync::selfservice
