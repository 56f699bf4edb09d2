// Percent-encoding for the round-trip checks of the request target and form targets: the
// inverse of lobsync::http::percent_decode for any bytes.
#pragma once

#include <string>
#include <string_view>

namespace fuzz {

// Every byte but unreserved ones (RFC 3986) as %XX; '/' too unless `keep_slash`.
inline std::string percent_encode(std::string_view bytes, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
                            u == '.' || u == '_' || u == '~';
    if (unreserved || (keep_slash && c == '/')) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace fuzz
