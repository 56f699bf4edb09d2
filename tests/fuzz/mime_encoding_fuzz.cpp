// The encoders every message goes through (daemon/messaging/mime_encoding.cpp,
// icalendar_text.cpp): quoted-printable and base64 bodies, iCalendar line folding and TEXT
// escaping. Not parsers of outside input, but they carry names and addresses from the roster
// into every mail, and were rewritten for speed; the input is any text.
//
// Invariants: quoted-printable lines are at most 76 characters of printable ASCII, never start
// with '.', never end in white space, and decode to the text with its line breaks as CRLF;
// base64 lines are 76 characters (the last at most) and decode to the input; a folded line's
// physical lines are at most 75 octets, unfold to the line, and (for UTF-8 input) split no
// character; an escaped TEXT value holds no line break and no control character but TAB.
#include "fuzz_support.hpp"

#include "messaging/icalendar_text.h"
#include "messaging/mime_encoding.h"

#include <lobsync/text_encoding.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace lobsync;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Every line of `text`, which must end in CRLF unless empty; checks the CRLF pairs.
std::vector<std::string_view> crlf_lines(std::string_view text, bool last_may_lack_crlf) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    if (end == std::string_view::npos) {
      fuzz::check(last_may_lack_crlf, "every line ends in CRLF");
      lines.push_back(text.substr(pos));
      break;
    }
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  for (const auto line : lines)
    fuzz::check(line.find_first_of("\r\n") == std::string_view::npos, "no bare CR or LF");
  return lines;
}

void check_quoted_printable(std::string_view text) {
  const std::string encoded = messaging::quoted_printable(text);
  std::string decoded;
  const auto lines = crlf_lines(encoded, true);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto line = lines[n];
    fuzz::check(line.size() <= 76, "a quoted-printable line has at most 76 characters");
    fuzz::check(line.empty() || line[0] != '.', "no line starts with '.'");
    fuzz::check(line.empty() || (line.back() != ' ' && line.back() != '\t'), "no line ends in white space");
    const bool soft = !line.empty() && line.back() == '=';
    const auto body = soft ? line.substr(0, line.size() - 1) : line;
    for (std::size_t i = 0; i < body.size(); ++i) {
      const auto c = static_cast<unsigned char>(body[i]);
      fuzz::check((c >= 33 && c <= 126) || c == ' ' || c == '\t', "only printable ASCII");
      if (c == '=') {
        fuzz::check(i + 2 < body.size(), "an escape has two hex digits");
        const int hi = hex_value(body[i + 1]), lo = hex_value(body[i + 2]);
        fuzz::check(hi >= 0 && lo >= 0, "an escape is upper-case hex");
        decoded += static_cast<char>(hi * 16 + lo);
        i += 2;
      } else {
        decoded += static_cast<char>(c);
      }
    }
    const bool hard_break = !soft && (n + 1 < lines.size() || encoded.ends_with("\r\n"));
    if (hard_break) decoded += "\r\n";
  }
  fuzz::check(decoded == messaging::to_crlf(text), "quoted-printable decodes to the text with CRLF breaks");
}

void check_base64(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string body = messaging::base64_body(bytes);
  const auto lines = crlf_lines(body, false);
  std::string joined;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    fuzz::check(lines[n].size() == 76 || (n + 1 == lines.size() && !lines[n].empty() && lines[n].size() < 76),
                "base64 lines are 76 characters, the last at most");
    joined += lines[n];
  }
  fuzz::check(joined == messaging::base64(bytes), "the body is the base64 of the bytes, wrapped");
  fuzz::check(joined.size() % 4 == 0, "base64 comes in groups of four");
  std::string decoded;
  for (std::size_t i = 0; i < joined.size(); i += 4) {
    unsigned n = 0;
    int pad = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = joined[i + k];
      if (c == '=') {
        fuzz::check(i + 4 == joined.size() && k >= 2, "padding only at the end");
        ++pad;
        n <<= 6;
        continue;
      }
      const auto v = kAlphabet.find(c);
      fuzz::check(v != std::string_view::npos && pad == 0, "only the base64 alphabet");
      n = (n << 6) | static_cast<unsigned>(v);
    }
    decoded += static_cast<char>((n >> 16) & 255);
    if (pad < 2) decoded += static_cast<char>((n >> 8) & 255);
    if (pad < 1) decoded += static_cast<char>(n & 255);
  }
  fuzz::check(decoded == bytes, "base64 decodes to the bytes");
}

void check_fold(std::string_view line) {
  const std::string folded = messaging::ical::fold(line);
  const auto physical = crlf_lines(folded, false);
  fuzz::check(!physical.empty(), "a folded line ends in CRLF");
  std::string unfolded;
  const bool utf8 = sdk::detail::first_invalid_utf8(line) == std::string_view::npos;
  for (std::size_t n = 0; n < physical.size(); ++n) {
    const auto part = physical[n];
    fuzz::check(part.size() <= 75, "a physical line has at most 75 octets");
    if (n > 0) fuzz::check(!part.empty() && part[0] == ' ', "a continuation starts with one space");
    const auto content = n > 0 ? part.substr(1) : part;
    if (utf8) fuzz::check(sdk::detail::first_invalid_utf8(content) == std::string_view::npos, "no character is split");
    unfolded += content;
  }
  fuzz::check(unfolded == line, "unfolding gives the line back");
}

void check_escape(std::string_view text) {
  const std::string escaped = messaging::ical::escape_text(text);
  for (const char ch : escaped) {
    const auto c = static_cast<unsigned char>(ch);
    fuzz::check(c == '\t' || (c >= 0x20 && c != 0x7f), "no control character but TAB");
  }
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == ';' || escaped[i] == ',') fuzz::check(i > 0 && escaped[i - 1] == '\\', "';' and ',' are escaped");
    if (escaped[i] == '\\') {
      fuzz::check(i + 1 < escaped.size(), "a backslash escapes something");
      const char next = escaped[i + 1];
      fuzz::check(next == '\\' || next == ';' || next == ',' || next == 'n', "only known escapes");
      ++i;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_quoted_printable(text);
  check_base64(text);
  // A content line holds no line break: the builders fold lines they made themselves.
  std::string line(text);
  for (auto& c : line)
    if (c == '\r' || c == '\n') c = ' ';
  check_fold(line);
  check_escape(text);
  return 0;
}
