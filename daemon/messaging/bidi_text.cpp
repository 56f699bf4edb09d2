#include "messaging/bidi_text.h"

#include "messaging/translations.h"

#include <vector>

namespace lobsync::messaging {

namespace {

// U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI: E2 81 A6 … E2 81 A9 in UTF-8.
bool is_isolate_control(std::string_view text, std::size_t at) {
  return at + 2 < text.size() && text[at] == '\xE2' && text[at + 1] == '\x81' && text[at + 2] >= '\xA6' &&
         text[at + 2] <= '\xA9';
}

}  // namespace

std::string isolated(std::string_view value) {
  if (value.empty()) return {};
  std::string out;
  out.reserve(value.size() + kFirstStrongIsolate.size() + kPopDirectionalIsolate.size());
  out.append(kFirstStrongIsolate);
  // The value's own isolate characters (a typed answer may hold one) are dropped, so the
  // isolate always ends where the value ends and never swallows the text after it.
  for (std::size_t at = 0; at < value.size(); ++at) {
    if (is_isolate_control(value, at)) {
      at += 2;
      continue;
    }
    out += value[at];
  }
  if (out.size() == kFirstStrongIsolate.size()) return {};
  out.append(kPopDirectionalIsolate);
  return out;
}

std::string html_text(std::string_view text) {
  // Pair each PDI with the nearest open FSI before it; only paired ones become tags, so the
  // markup is always balanced whatever the text holds.
  std::vector<std::size_t> open;
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text.substr(at, kFirstStrongIsolate.size()) == kFirstStrongIsolate) {
      open.push_back(at);
    } else if (text.substr(at, kPopDirectionalIsolate.size()) == kPopDirectionalIsolate && !open.empty()) {
      pairs.emplace_back(open.back(), at);
      open.pop_back();
    }
  }
  if (pairs.empty()) return html_escape(text);
  std::vector<bool> opens(text.size(), false), closes(text.size(), false);
  for (const auto& [from, to] : pairs) {
    opens[from] = true;
    closes[to] = true;
  }
  std::string out;
  out.reserve(text.size() + pairs.size() * 11);
  std::size_t plain = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (!opens[at] && !closes[at]) continue;
    out += html_escape(text.substr(plain, at - plain));
    out += opens[at] ? "<bdi>" : "</bdi>";
    at += (opens[at] ? kFirstStrongIsolate.size() : kPopDirectionalIsolate.size()) - 1;
    plain = at + 1;
  }
  out += html_escape(text.substr(plain));
  return out;
}

}  // namespace lobsync::messaging
