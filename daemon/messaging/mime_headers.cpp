#include "messaging/mime_headers.h"

#include "messaging/address.h"
#include "messaging/mime_encoding.h"
#include "messaging/name_text.h"

#include <date/date.h>

#include <algorithm>

namespace lobsync::messaging {
namespace {

std::string date_field(Instant t) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", std::chrono::floor<std::chrono::seconds>(t));
}

std::string message_id(std::string_view left, const Mailbox& from) {
  if (left.empty() || left.size() > 200 || !is_ascii_printable(left) ||
      left.find_first_of(" <>@\"\\()[],;:") != std::string_view::npos) {
    throw MessageError("invalid Message-ID");
  }
  return "<" + std::string(left) + "@" + from.address.substr(from.address.find('@') + 1) + ">";
}

}  // namespace

void require_single_line(std::string_view field, std::string_view value) {
  if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
    throw MessageError("the " + std::string(field) + " contains a line break");
  }
}

std::string format_mailbox(const Mailbox& m, std::string_view field) {
  // The address itself is not echoed: it is personal data and may carry an injection attempt
  // that would otherwise land in a log.
  // An internationalised address goes into the header as UTF-8 (RFC 6532).
  if (const auto check = check_address(m.address); !check.valid) {
    throw MessageError("the " + std::string(field) + " is not a usable e-mail address: " + check.problem);
  }
  require_single_line(std::string(field) + " name", m.display_name);
  const auto display_name = clean_name(m.display_name);
  if (display_name.empty()) return m.address;
  std::string name;
  if (is_ascii_printable(display_name)) {
    // A quoted-string: escape the two characters that end or escape it.
    name = "\"";
    for (char c : display_name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += "\"";
  } else {
    name = encode_header_text(display_name);
  }
  return name + " <" + m.address + ">";
}

std::string common_headers(const CommonHeaders& h) {
  if (h.to.empty()) throw MessageError("a message needs at least one recipient");
  require_single_line("subject", h.subject);
  std::string to;
  for (const auto& r : h.to) to += (to.empty() ? "" : ",\r\n ") + format_mailbox(r, "recipient address");
  std::string out;
  out += "From: " + format_mailbox(h.from, "sender address") + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + encode_header_text(h.subject) + "\r\n";
  out += "Date: " + date_field(h.date) + "\r\n";
  out += "Message-ID: " + message_id(h.message_id_left, h.from) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  return out;
}

}  // namespace lobsync::messaging
