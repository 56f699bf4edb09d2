// Mixed-direction text (daemon/messaging/bidi_text.cpp): `isolated` wraps a value filled into a
// right-to-left text (a roster name, a typed answer, an address), `html_text` escapes a text for
// HTML and turns matched isolates into <bdi>. The input is the value or the text.
//
// Invariants: for any bytes, html_text's output has no markup but <bdi> and </bdi>, balanced and
// nested. For valid UTF-8 (all the host gives it: translations, checked roster records and
// forms, which refuse invalid UTF-8), one <bdi> per FSI it consumed, and without those tags and
// with the five entities undone it is the input less the isolates it paired (in broken UTF-8,
// taking out a PDI can join the bytes around it into a new one, so the count is only checked on
// valid input). An isolated value is exactly one <bdi>…</bdi> in HTML, whatever isolate
// characters the value held, and it keeps every other character of the value.
#include "fuzz_support.hpp"

#include "messaging/bidi_text.h"

#include <string>

namespace {

using lobsync::messaging::html_text;
using lobsync::messaging::isolated;
using lobsync::messaging::kFirstStrongIsolate;
using lobsync::messaging::kPopDirectionalIsolate;

std::size_t count(std::string_view text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

std::string without(std::string text, std::string_view part) {
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at)) text.erase(at, part.size());
  return text;
}

// The tags checked and removed, the entities undone; fails on any other markup.
std::string plain_of(const std::string& html) {
  std::string out;
  int depth = 0;
  for (std::size_t at = 0; at < html.size();) {
    if (html.compare(at, 5, "<bdi>") == 0) {
      ++depth;
      at += 5;
    } else if (html.compare(at, 6, "</bdi>") == 0) {
      fuzz::check(--depth >= 0, "a </bdi> closes only an open <bdi>", html);
      at += 6;
    } else if (html[at] == '<' || html[at] == '>' || html[at] == '"' || html[at] == '\'') {
      fuzz::fail("no markup but <bdi>", html);
    } else if (html[at] == '&') {
      bool known = false;
      for (const auto& [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                                      {"&quot;", '"'}, {"&#39;", '\''}}) {
        if (html.compare(at, entity.size(), entity) == 0) {
          out += c;
          at += entity.size();
          known = true;
          break;
        }
      }
      fuzz::check(known, "an & is always an entity the escape wrote", html);
    } else {
      out += html[at++];
    }
  }
  fuzz::check(depth == 0, "every <bdi> is closed", html);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(fuzz::as_text(data, size));

  const auto html = html_text(text);
  const auto plain = plain_of(html);
  if (lobsync::sdk::detail::first_invalid_utf8(text) != std::string_view::npos) return 0;
  const auto pairs = count(html, "<bdi>");
  fuzz::check(count(text, kFirstStrongIsolate) == count(plain, kFirstStrongIsolate) + pairs, "one <bdi> per FSI paired", html);
  fuzz::check(count(text, kPopDirectionalIsolate) == count(plain, kPopDirectionalIsolate) + pairs, "one </bdi> per PDI paired",
              html);
  fuzz::check(without(without(plain, kFirstStrongIsolate), kPopDirectionalIsolate) ==
                  without(without(text, kFirstStrongIsolate), kPopDirectionalIsolate),
              "only paired isolates are taken out", html);

  const auto value = isolated(text);
  if (value.empty()) return 0;
  const auto value_html = html_text(value);
  fuzz::check(value_html.starts_with("<bdi>") && value_html.ends_with("</bdi>") && count(value_html, "<bdi>") == 1,
              "an isolated value is one <bdi> in HTML", value_html);
  std::string kept = text;
  for (const char* control : {"\u2066", "\u2067", "\u2068", "\u2069"}) kept = without(kept, control);
  fuzz::check(value == std::string(kFirstStrongIsolate) + kept + std::string(kPopDirectionalIsolate),
              "an isolated value keeps every other character", value);
  return 0;
}
