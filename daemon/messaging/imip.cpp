#include "messaging/imip.h"

#include "messaging/mime_encoding.h"

#include <lobsync/text_encoding.hpp>

#include <algorithm>
#include <cctype>

namespace lobsync::messaging {
namespace {

// Parts are quoted-printable or base64, neither of which can produce "=_", so these fixed
// boundaries never occur inside a part and the message stays byte-identical on every retry.
constexpr std::string_view kMixedBoundary = "=_lobsync_mixed";
constexpr std::string_view kAlternativeBoundary = "=_lobsync_alternative";

void require_utf8(std::string_view field, std::string_view text) {
  if (sdk::detail::first_invalid_utf8(text) != std::string_view::npos) {
    throw MessageError("the " + std::string(field) + " is not valid UTF-8");
  }
}

std::string text_part(std::string_view subtype, std::string_view text) {
  std::string part = "Content-Type: text/" + std::string(subtype) + "; charset=UTF-8\r\n";
  part += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  part += quoted_printable(text);
  return part;
}

// Parts joined into a multipart body. The CRLF before each delimiter belongs to the delimiter
// (RFC 2046 §5.1.1), so a part's content ends exactly where its text ends.
std::string multipart(std::string_view boundary, const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += "--" + std::string(boundary) + "\r\n" + part + "\r\n";
  return out + "--" + std::string(boundary) + "--\r\n";
}

std::string multipart_header(std::string_view subtype, std::string_view boundary) {
  return "Content-Type: multipart/" + std::string(subtype) + "; boundary=\"" + std::string(boundary) + "\"\r\n";
}

std::string unfold(std::string_view calendar) {
  std::string out;
  for (std::size_t i = 0; i < calendar.size(); ++i) {
    if (calendar.compare(i, 3, "\r\n ") == 0 || calendar.compare(i, 3, "\r\n\t") == 0) {
      i += 2;
      continue;
    }
    out += calendar[i];
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The value of the first content line named `name` (parameters skipped), or "".
std::string property_value(std::string_view unfolded, std::string_view name) {
  std::size_t start = 0;
  while (start < unfolded.size()) {
    const auto end = std::min(unfolded.find("\r\n", start), unfolded.size());
    const std::string_view line = unfolded.substr(start, end - start);
    if (line.size() > name.size() && line.substr(0, name.size()) == name && (line[name.size()] == ':' || line[name.size()] == ';')) {
      // The value starts after the first ':' outside a quoted parameter value.
      bool quoted = false;
      for (std::size_t i = name.size(); i < line.size(); ++i) {
        if (line[i] == '"') quoted = !quoted;
        if (line[i] == ':' && !quoted) return std::string(line.substr(i + 1));
      }
      return "";
    }
    start = end + 2;
  }
  return "";
}

// A client shows Accept/Decline only when the part's method matches the object's METHOD, and
// trusts an invitation only when it comes from its ORGANIZER: check both, they are cheap.
void check_calendar(const InvitationMail& m) {
  if (m.method == ItipMethod::none) throw MessageError("an invitation needs the method REQUEST or CANCEL");
  if (m.calendar.rfind("BEGIN:VCALENDAR\r\n", 0) != 0) throw MessageError("the calendar is not an iCalendar object");
  const std::string unfolded = unfold(m.calendar);
  if (property_value(unfolded, "METHOD") != itip_method_name(m.method)) {
    throw MessageError("the calendar's METHOD differs from the invitation's method " + itip_method_name(m.method));
  }
  if (lower(property_value(unfolded, "ORGANIZER")) != "mailto:" + lower(m.from.address)) {
    throw MessageError("the sender address is not the calendar's ORGANIZER");
  }
}

}  // namespace

std::string build_invitation_message(const InvitationMail& m) {
  check_calendar(m);
  require_utf8("text", m.text);
  require_utf8("html", m.html);
  // Built with += : GCC 12 reports a false -Warray-bounds for long chains of string temporaries.
  std::string calendar_part = "Content-Type: text/calendar; charset=UTF-8; method=" + itip_method_name(m.method) + "\r\n";
  calendar_part += "Content-Transfer-Encoding: base64\r\n\r\n";
  calendar_part += base64_body(m.calendar);
  std::string attachment = "Content-Type: application/ics; name=\"invite.ics\"\r\n";
  attachment += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  attachment += "Content-Transfer-Encoding: base64\r\n\r\n";
  attachment += base64_body(m.calendar);
  std::string alternative = multipart_header("alternative", kAlternativeBoundary);
  alternative += "\r\n";
  alternative += multipart(kAlternativeBoundary, {text_part("plain", m.text), text_part("html", m.html), calendar_part});

  std::string out = common_headers({m.from, {m.to}, m.subject, m.message_id_left, m.date});
  out += multipart_header("mixed", kMixedBoundary);
  out += "\r\n";
  out += multipart(kMixedBoundary, {alternative, attachment});
  return out;
}

std::string build_html_message(const HtmlMail& m) {
  require_utf8("text", m.text);
  require_utf8("html", m.html);
  std::string out = common_headers({m.from, m.to, m.subject, m.message_id_left, m.date});
  out += multipart_header("alternative", kAlternativeBoundary);
  out += "\r\n";
  out += multipart(kAlternativeBoundary, {text_part("plain", m.text), text_part("html", m.html)});
  return out;
}

}  // namespace lobsync::messaging
