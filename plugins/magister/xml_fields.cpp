#include "xml_fields.hpp"

#include <charconv>
#include <cstdint>

namespace magister {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The code point of "#233" or "#xE9": XML's Char production, so never NUL, a surrogate or beyond
// U+10FFFF ("&#x;" once decoded to a NUL byte); nullopt for anything else.
std::optional<std::uint32_t> character_reference(std::string_view entity) {
  if (entity.size() < 2 || entity[0] != '#') return std::nullopt;
  const bool hex = entity[1] == 'x' || entity[1] == 'X';
  const std::string_view digits = entity.substr(hex ? 2 : 1);
  if (digits.empty()) return std::nullopt;
  std::uint32_t cp = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return std::nullopt;
  return cp;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::size_t end = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (end == std::string_view::npos || end - i > 10) {
      out += s[i];
      continue;
    }
    const std::string_view entity = s.substr(i + 1, end - i - 1);
    if (entity == "amp") out += '&';
    else if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    else if (const auto cp = character_reference(entity)) append_utf8(out, *cp);
    else {
      out += s.substr(i, end - i + 1);  // unknown entity: keep it as written
    }
    i = end;
  }
  return out;
}

}  // namespace

std::optional<std::string> xml_element_text(std::string_view xml, std::string_view name) {
  const std::string open = "<" + std::string(name);
  for (std::size_t at = xml.find(open); at != std::string_view::npos; at = xml.find(open, at + 1)) {
    const std::size_t after = at + open.size();
    if (after >= xml.size()) return std::nullopt;
    const char next = xml[after];
    // "<Result" must not match "<ResultMessage".
    if (next != '>' && next != '/' && next != ' ' && next != '\t' && next != '\r' && next != '\n') continue;
    const std::size_t tag_end = xml.find('>', after);
    if (tag_end == std::string_view::npos) return std::nullopt;
    if (xml[tag_end - 1] == '/') return std::string();
    const std::string close = "</" + std::string(name) + ">";
    const std::size_t end = xml.find(close, tag_end + 1);
    if (end == std::string_view::npos) return std::nullopt;
    return decode_entities(xml.substr(tag_end + 1, end - tag_end - 1));
  }
  return std::nullopt;
}

}  // namespace magister
