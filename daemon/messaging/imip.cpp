#include "messaging/imip.h"

#include "messaging/mime_encoding.h"

#include <lobsync/ascii.hpp>
#include <lobsync/text_encoding.hpp>

#include <algorithm>
#include <cctype>

namespace lobsync::messaging {
namespace {

using lobsync::sdk::ascii_lower;

// Parts are quoted-printable or base64, neither of which can produce "=_", so these fixed
// boundaries never occur inside a part and the message stays byte-identical on every retry.
constexpr std::string_view kMixedBoundary = "=_lobsync_mixed";
constexpr std::string_view kAlternativeBoundary = "=_lobsync_alternative";

void append_text_part(std::string& out, std::string_view subtype, std::string_view text) {
  out += "Content-Type: text/";
  out += subtype;
  out += "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(text);
}

// The delimiter before a part; the CRLF before each delimiter belongs to the delimiter (RFC 2046
// §5.1.1), so a part's content ends exactly where its text ends. Parts are appended in place:
// an invitation is built into one string, not copied from part to part.
void open_part(std::string& out, std::string_view boundary) {
  out += "--";
  out += boundary;
  out += "\r\n";
}

void close_part(std::string& out) { out += "\r\n"; }

void close_multipart(std::string& out, std::string_view boundary) {
  out += "--";
  out += boundary;
  out += "--\r\n";
}

std::string multipart_header(std::string_view subtype, std::string_view boundary) {
  return "Content-Type: multipart/" + std::string(subtype) + "; boundary=\"" + std::string(boundary) + "\"\r\n";
}

// The calendar with its folds (CRLF + space or tab) removed: copied a line at a time.
std::string unfold(std::string_view calendar) {
  std::string out;
  out.reserve(calendar.size());
  std::size_t pos = 0;
  while (pos < calendar.size()) {
    const auto end = calendar.find("\r\n", pos);
    if (end == std::string_view::npos) {
      out.append(calendar, pos);
      break;
    }
    const bool fold = end + 2 < calendar.size() && (calendar[end + 2] == ' ' || calendar[end + 2] == '\t');
    out.append(calendar, pos, end - pos);
    if (!fold) out += "\r\n";
    pos = end + (fold ? 3 : 2);
  }
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
  if (ascii_lower(property_value(unfolded, "ORGANIZER")) != "mailto:" + ascii_lower(m.from.address)) {
    throw MessageError("the sender address is not the calendar's ORGANIZER");
  }
}

// The plain and the HTML version of a text, as two parts of a multipart/alternative.
void append_text_and_html(std::string& out, const std::string& text, const std::string& html) {
  open_part(out, kAlternativeBoundary);
  append_text_part(out, "plain", text);
  close_part(out);
  open_part(out, kAlternativeBoundary);
  append_text_part(out, "html", html);
  close_part(out);
}

}  // namespace

std::string build_invitation_message(const InvitationMail& m) {
  check_calendar(m);
  require_utf8("text", m.text);
  require_utf8("html", m.html);
  // The calendar goes in twice (inline and as invite.ics), encoded once.
  const std::string calendar = base64_body(m.calendar);
  std::string out = common_headers({m.from, {m.to}, m.subject, m.message_id_left, m.date});
  out.reserve(out.size() + m.text.size() * 5 / 4 + m.html.size() * 5 / 4 + calendar.size() * 2 + 1024);
  out += multipart_header("mixed", kMixedBoundary);
  out += "\r\n";
  open_part(out, kMixedBoundary);
  out += multipart_header("alternative", kAlternativeBoundary);
  out += "\r\n";
  append_text_and_html(out, m.text, m.html);
  open_part(out, kAlternativeBoundary);
  out += "Content-Type: text/calendar; charset=UTF-8; method=";
  out += itip_method_name(m.method);
  out += "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += calendar;
  close_part(out);
  close_multipart(out, kAlternativeBoundary);
  close_part(out);
  open_part(out, kMixedBoundary);
  out += "Content-Type: application/ics; name=\"invite.ics\"\r\n";
  out += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n";
  out += "Content-Transfer-Encoding: base64\r\n\r\n";
  out += calendar;
  close_part(out);
  close_multipart(out, kMixedBoundary);
  return out;
}

std::string build_html_message(const HtmlMail& m) {
  require_utf8("text", m.text);
  require_utf8("html", m.html);
  std::string out = common_headers({m.from, m.to, m.subject, m.message_id_left, m.date});
  out += multipart_header("alternative", kAlternativeBoundary);
  out += "\r\n";
  append_text_and_html(out, m.text, m.html);
  close_multipart(out, kAlternativeBoundary);
  return out;
}

}  // namespace lobsync::messaging
