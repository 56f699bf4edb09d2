#include "messaging/icalendar_text.h"

#include <lobsync/text_encoding.hpp>

#include <algorithm>

namespace lobsync::messaging::ical {
namespace {

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

}  // namespace

void append_folded(std::string& out, std::string_view line) {
  constexpr std::size_t kMaxOctets = 75;
  out.reserve(out.size() + line.size() + line.size() / 64 * 3 + 2);
  std::size_t width = 0;
  for (std::size_t i = 0; i < line.size();) {
    // An invalid byte counts as one character; callers pass checked UTF-8.
    const auto lead = static_cast<unsigned char>(line[i]);
    const std::size_t length = lead < 0x80 ? 1 : std::max<std::size_t>(1, sdk::detail::utf8_sequence_length(line, i));
    if (width + length > kMaxOctets) {
      out += "\r\n ";
      width = 1;
    }
    out.append(line, i, length);
    width += length;
    i += length;
  }
  out += "\r\n";
}

std::string fold(std::string_view line) {
  std::string out;
  append_folded(out, line);
  return out;
}

std::string escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      case '\t': out += c; break;
      default:
        if (!is_control(static_cast<unsigned char>(c))) out += c;
    }
  }
  return out;
}

std::string param_value(std::string_view text) {
  std::string value;
  value.reserve(text.size() + 2);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '^': value += "^^"; break;
      case '"': value += "^'"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        value += "^n";
        break;
      case '\n': value += "^n"; break;
      case '\t': value += ' '; break;
      default:
        if (!is_control(static_cast<unsigned char>(c))) value += c;
    }
  }
  if (value.find_first_of(":;,\\") != std::string::npos) return "\"" + value + "\"";
  return value;
}

}  // namespace lobsync::messaging::ical
