#include "messaging/mime_encoding.h"

#include <algorithm>

namespace lobsync::messaging {
namespace {

bool is_ascii_printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

constexpr char kHex[] = "0123456789ABCDEF";

std::string qp_escape(unsigned char c) { return {'=', kHex[c >> 4], kHex[c & 15]}; }

// One hard line (no line break inside, none appended) as quoted-printable, soft-broken so no encoded line
// exceeds 76 characters (including the '=' of a soft break).
std::string qp_line(std::string_view line) {
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    std::string piece;
    if ((c == ' ' || c == '\t') && last) {
      piece = qp_escape(c);  // trailing white space would be stripped in transit
    } else if (c == '.' && width == 0) {
      piece = qp_escape(c);  // a lone "." line ends an SMTP transaction on a naive relay
    } else if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
      piece = std::string(1, static_cast<char>(c));
    } else {
      piece = qp_escape(c);
    }
    // Room is left for the soft break's '=' unless this is the line's last piece.
    const std::size_t limit = last ? 76 : 75;
    if (width + piece.size() > limit) {
      out += "=\r\n";
      width = 0;
      if (piece == ".") piece = qp_escape('.');
    }
    out += piece;
    width += piece.size();
  }
  return out;
}

}  // namespace

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

std::string base64_body(std::string_view bytes) {
  const std::string text = base64(bytes);
  std::string out;
  out.reserve(text.size() + text.size() / 76 * 2 + 2);
  for (std::size_t i = 0; i < text.size(); i += 76) out.append(text, i, 76).append("\r\n");
  return out;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  const std::string normalized = to_crlf(text);
  const std::string_view all = normalized;
  std::string out;
  std::size_t pos = 0;
  while (pos < all.size()) {
    const auto end = all.find("\r\n", pos);
    if (end == std::string_view::npos) {
      out += qp_line(all.substr(pos));
      break;
    }
    out += qp_line(all.substr(pos, end - pos)) + "\r\n";
    pos = end + 2;
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
    while (end < utf8.size() && end > start + 1 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(utf8.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

}  // namespace lobsync::messaging
