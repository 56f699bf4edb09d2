#include "messaging/name_text.h"

#include <lobsync/text_encoding.hpp>

#include <cstdint>

namespace lobsync::messaging {
namespace {

enum class Keep { yes, space, drop };

Keep classify(std::uint32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) return Keep::space;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xfeff) return Keep::drop;
  if (cp == 0x061c || cp == 0x200e || cp == 0x200f) return Keep::drop;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return Keep::drop;
  return Keep::yes;
}

std::uint32_t decode(std::string_view s, std::size_t at, std::size_t length) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + k])); };
  switch (length) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1f) << 6) | (b(1) & 0x3f);
    case 3: return ((b(0) & 0x0f) << 12) | ((b(1) & 0x3f) << 6) | (b(2) & 0x3f);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3f) << 12) | ((b(2) & 0x3f) << 6) | (b(3) & 0x3f);
  }
}

// Calls f(code point, its bytes) for every valid UTF-8 sequence; an invalid byte is reported as
// a control character so it is removed.
template <class F>
void each_code_point(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t length = sdk::detail::utf8_sequence_length(s, i);
    if (length == 0) {
      f(std::uint32_t{0}, s.substr(i, 1));
      ++i;
      continue;
    }
    f(decode(s, i, length), s.substr(i, length));
    i += length;
  }
}

}  // namespace

std::string clean_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  each_code_point(name, [&](std::uint32_t cp, std::string_view bytes) {
    const Keep keep = cp == ' ' ? Keep::space : classify(cp);
    if (keep == Keep::drop) return;
    if (keep == Keep::space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
      return;
    }
    out += bytes;
  });
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool name_needs_cleaning(std::string_view name) {
  bool found = false;
  each_code_point(name, [&](std::uint32_t cp, std::string_view) {
    if (cp != ' ' && classify(cp) != Keep::yes) found = true;
  });
  return found;
}

}  // namespace lobsync::messaging
