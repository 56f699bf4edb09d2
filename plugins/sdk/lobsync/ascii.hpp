// ASCII case folding for protocol words, codes and addresses: header names, URL schemes, roles,
// level names, teacher codes, iCalendar names. Only A-Z change, so UTF-8 text (names with
// accents) passes through byte for byte whatever the process locale is; std::tolower does not
// promise that.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::sdk {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

}  // namespace lobsync::sdk
