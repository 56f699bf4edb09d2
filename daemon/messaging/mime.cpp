#include "messaging/mime.h"

#include <date/date.h>

#include <algorithm>

namespace lobsync::messaging {
namespace {

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool is_ascii_printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

std::string mailbox(const Mailbox& m) {
  if (!plausible_address(m.address)) throw MessageError("not an e-mail address: '" + m.address + "'");
  if (has_line_break(m.display_name)) throw MessageError("a display name contains a line break");
  if (m.display_name.empty()) return m.address;
  std::string name = m.display_name;
  if (is_ascii_printable(name)) {
    // A quoted-string: escape the two characters that end or escape it.
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    name = quoted + "\"";
  } else {
    name = encode_header_text(name);
  }
  return name + " <" + m.address + ">";
}

// Wraps base64 text at 76 characters with CRLF, as MIME requires.
std::string wrap76(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 76) out += text.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace

bool plausible_address(std::string_view a) {
  const auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string_view::npos) return false;
  if (a.size() > 254 || !is_ascii_printable(a)) return false;
  return a.find_first_of(" \"(),:;<>[\\]") == std::string_view::npos && a.substr(at + 1).find('.') != std::string_view::npos;
}

std::string base64(std::string_view bytes) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += table[(n >> 6) & 63];
    out += table[n & 63];
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string encode_header_text(std::string_view utf8) {
  if (is_ascii_printable(utf8)) return std::string(utf8);
  // Encoded words are at most 75 characters: split the text at UTF-8 character boundaries into
  // chunks of at most 39 bytes (52 base64 characters, so "Subject: " plus the first word stays
  // within 78) and join them with folding white space.
  std::string out;
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = std::min(start + 39, utf8.size());
    while (end < utf8.size() && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string build_text_message(const TextMessage& m) {
  if (m.to.empty()) throw MessageError("a message needs at least one recipient");
  if (has_line_break(m.subject)) throw MessageError("the subject contains a line break");
  if (m.message_id_left.empty() || !is_ascii_printable(m.message_id_left) ||
      m.message_id_left.find_first_of(" <>@") != std::string::npos) {
    throw MessageError("invalid Message-ID");
  }
  std::string to;
  for (const auto& r : m.to) to += (to.empty() ? "" : ",\r\n ") + mailbox(r);
  const auto domain = m.from.address.substr(m.from.address.find('@') + 1);
  std::string body;
  for (char c : m.body) body += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::string out;
  out += "From: " + mailbox(m.from) + "\r\n";
  out += "To: " + to + "\r\n";
  out += "Subject: " + encode_header_text(m.subject) + "\r\n";
  out += "Date: " + date::format("%a, %d %b %Y %H:%M:%S +0000", std::chrono::floor<std::chrono::seconds>(m.date)) + "\r\n";
  out += "Message-ID: <" + m.message_id_left + "@" + domain + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += wrap76(base64(body));
  return out;
}

}  // namespace lobsync::messaging
