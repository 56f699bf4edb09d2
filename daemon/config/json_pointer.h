// JSON pointers (RFC 6901) name the place of every config problem.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::config {

// `parent` + "/" + `key`, with '~' and '/' in the key escaped as "~0" and "~1".
inline std::string pointer(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace lobsync::config
