// The household key of a roster guardian (see plugins/sdk/roster-records.md): equal for people
// at the same address, and no address leaves the plugin. Shared by every SIS plugin so that two
// sources produce the same key for the same address.
#pragma once

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace lobsync::sdk {

// FNV-1a 64 as 16 hex digits: a stable fingerprint (the same on every build and machine, unlike
// std::hash). Not for secrets.
inline std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

// "h-" + 16 hex digits of FNV-1a over the normalised postcode, house number and addition
// (upper case, spaces removed). Empty when there is no postcode or house number: no address,
// no household, rather than everyone in one.
inline std::string household_key(std::string_view postcode, std::string_view house_number,
                                 std::string_view addition = {}) {
  std::string normal;
  auto add = [&normal](std::string_view part) {
    for (unsigned char c : part) {
      if (!std::isspace(c)) normal += static_cast<char>(std::toupper(c));
    }
    normal += '|';
  };
  add(postcode);
  add(house_number);
  add(addition);
  if (normal.starts_with("|") || normal.find("||") == normal.find('|')) return {};
  return "h-" + fnv1a_hex(normal);
}

}  // namespace lobsync::sdk
