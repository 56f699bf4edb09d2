#include "messaging/mime_encoding.h"

#include <algorithm>

namespace lobsync::messaging {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// One hard line (no line break inside, none appended) as quoted-printable, appended to `out`,
// soft-broken so no encoded line exceeds 76 characters (including the '=' of a soft break).
// Appends into the caller's string: a plan encodes two text parts for every invitation.
void append_qp_line(std::string& out, std::string_view line) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const bool last = i + 1 == line.size();
    bool escape;
    if ((c == ' ' || c == '\t') && last) {
      escape = true;  // trailing white space would be stripped in transit
    } else if (c == '.' && width == 0) {
      escape = true;  // a lone "." line ends an SMTP transaction on a naive relay
    } else {
      escape = !((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t');
    }
    const std::size_t size = escape ? 3 : 1;
    // Room is left for the soft break's '=' unless this is the line's last piece.
    const std::size_t limit = last ? 76 : 75;
    if (width + size > limit) {
      out += "=\r\n";
      width = 0;
      if (c == '.') escape = true;  // a literal '.' now starts a line
    }
    if (escape) {
      const char piece[3] = {'=', kHex[c >> 4], kHex[c & 15]};
      out.append(piece, 3);
      width += 3;
    } else {
      out += static_cast<char>(c);
      width += 1;
    }
  }
}

// Appends the base64 of `bytes`, a line break after every `line` characters when `line` > 0.
void append_base64(std::string& out, std::string_view bytes, std::size_t line) {
  std::size_t width = 0;
  const auto put = [&](char c) {
    out += c;
    if (line > 0 && ++width == line) {
      out += "\r\n";
      width = 0;
    }
  };
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    put(kBase64[(n >> 18) & 63]);
    put(kBase64[(n >> 12) & 63]);
    put(kBase64[(n >> 6) & 63]);
    put(kBase64[n & 63]);
  }
  if (i < bytes.size()) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    put(kBase64[(n >> 18) & 63]);
    put(kBase64[(n >> 12) & 63]);
    put(i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=');
    put('=');
  }
  if (line > 0 && width > 0) out += "\r\n";
}

}  // namespace

bool is_ascii_printable(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= 0x20 && c < 0x7f; });
}

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  append_base64(out, bytes, 0);
  return out;
}

std::string base64_body(std::string_view bytes) {
  const std::size_t encoded = (bytes.size() + 2) / 3 * 4;
  std::string out;
  out.reserve(encoded + encoded / 76 * 2 + 2);
  append_base64(out, bytes, 76);
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
  // Every line break (CRLF, LF or a lone CR) becomes CRLF; each line between them is encoded on
  // its own. A text that ends with a break ends with CRLF, one that does not ends without.
  std::string out;
  out.reserve(text.size() + text.size() / 8 + 16);
  std::size_t pos = 0;
  while (pos < text.size()) {
    // A plain loop: find_first_of calls memchr on its set for every character.
    std::size_t end = pos;
    while (end < text.size() && text[end] != '\r' && text[end] != '\n') ++end;
    if (end == text.size()) {
      append_qp_line(out, text.substr(pos));
      break;
    }
    append_qp_line(out, text.substr(pos, end - pos));
    out += "\r\n";
    pos = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
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
