// A text/plain message as built by messaging::build_text_message, made readable for asserts:
// its headers, a blank line, then the base64 body decoded, with its CRLF line ends as '\n'.
#pragma once

#include "links/base64url.h"

#include <string>

namespace lobsync::test {

inline std::string readable_text_message(const std::string& message) {
  const auto split = message.find("\r\n\r\n");
  if (split == std::string::npos) return message;
  std::string body;  // standard base64 → base64url without padding, which the links code decodes
  for (char c : message.substr(split + 4)) {
    if (c == '+') body += '-';
    else if (c == '/') body += '_';
    else if (c != '\r' && c != '\n' && c != '=') body += c;
  }
  std::string text;
  for (char c : links::base64url_decode(body).value_or("(body is not base64)")) {
    if (c != '\r') text += c;
  }
  return message.substr(0, split) + "\n\n" + text;
}

// A quoted-printable body decoded (soft line breaks joined, =XX turned back into bytes), so a test
// can look for a sentence the encoder may have split across lines.
inline std::string decoded_quoted_printable(const std::string& body) {
  const auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '=' || i + 2 >= body.size()) {
      out += body[i];
    } else if (body[i + 1] == '\r' && body[i + 2] == '\n') {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(hex(body[i + 1]) * 16 + hex(body[i + 2]));
      i += 2;
    }
  }
  return out;
}

}  // namespace lobsync::test
