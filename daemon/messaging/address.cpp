#include "messaging/address.h"

#include <fmt/format.h>
#include <lobsync/text_encoding.hpp>

#include <cstdint>

namespace lobsync::messaging {
namespace {

constexpr std::size_t kMaxAddress = 254;  // RFC 5321 §4.5.3.1.3 path limit less the brackets
constexpr std::size_t kMaxLocalPart = 64;
constexpr std::size_t kMaxLabel = 63;

bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 5322 §3.2.3 atext without ALPHA and DIGIT.
bool is_atext_symbol(char c) { return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos; }

std::uint32_t code_point(std::string_view s, std::size_t i, std::size_t length) {
  const auto b = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + k])); };
  if (length == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (length == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

// Non-ASCII characters that may stand in an internationalised address: not C1 controls, not the
// invisible marks that reorder or hide text (a way to make one address look like another).
bool usable_non_ascii(std::uint32_t cp) {
  if (cp < 0xA0) return false;
  if (cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0xFEFF) return false;
  if (cp >= 0x202A && cp <= 0x202E) return false;
  if (cp >= 0x2066 && cp <= 0x2069) return false;
  return true;
}

// Walks `part` character by character; `ascii_ok` decides on ASCII characters. Returns the
// problem, or empty. Sets `international` when a non-ASCII character is met.
template <typename AsciiRule>
std::string scan(std::string_view part, const char* name, AsciiRule ascii_ok, bool& international) {
  for (std::size_t i = 0; i < part.size();) {
    const auto length = sdk::detail::utf8_sequence_length(part, i);
    if (length == 0) return fmt::format("the {} is not valid UTF-8", name);
    if (length == 1) {
      const char c = part[i];
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return fmt::format("the {} holds a control character", name);
      if (!ascii_ok(c)) {
        if (c == ' ') return fmt::format("the {} holds a space", name);
        return fmt::format("the {} holds the character '{}', which no plain address has", name, c);
      }
    } else {
      if (!usable_non_ascii(code_point(part, i, length))) {
        return fmt::format("the {} holds an invisible or control character", name);
      }
      international = true;
    }
    i += length;
  }
  return {};
}

std::string check_local_part(std::string_view local, bool& international) {
  if (local.empty()) return "nothing stands before the @";
  if (local.size() > kMaxLocalPart) return "the part before the @ is longer than 64 bytes";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return "the part before the @ starts or ends with a dot, or has two dots in a row";
  }
  return scan(local, "part before the @", [](char c) { return is_ascii_alnum(c) || is_atext_symbol(c) || c == '.'; },
              international);
}

std::string check_domain(std::string_view domain, bool& international) {
  if (domain.empty()) return "nothing stands after the @";
  if (domain.front() == '[') return "the domain is an IP address literal";
  if (auto problem = scan(domain, "domain", [](char c) { return is_ascii_alnum(c) || c == '-' || c == '.'; },
                          international);
      !problem.empty()) {
    return problem;
  }
  std::size_t dots = 0;
  bool last_label_numeric = false;
  for (std::size_t start = 0;; ++dots) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) return "the domain has an empty part (a dot at the start or end, or two in a row)";
    if (label.size() > kMaxLabel) return "a part of the domain is longer than 63 bytes";
    if (label.front() == '-' || label.back() == '-') return "a part of the domain starts or ends with a hyphen";
    last_label_numeric = label.find_first_not_of("0123456789") == std::string_view::npos;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (dots == 0) return "the domain has no dot (a mailbox on the internet has one, as in school.nl)";
  if (last_label_numeric) return "the domain ends in a number (an IP address is not a mail domain)";
  return {};
}

}  // namespace

AddressCheck check_address(std::string_view address) {
  AddressCheck out;
  if (address.empty()) {
    out.problem = "empty";
    return out;
  }
  if (address.size() > kMaxAddress) {
    out.problem = "longer than 254 bytes";
    return out;
  }
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) {
    out.problem = "has no @";
    return out;
  }
  if (address.substr(0, at).find('@') != std::string_view::npos) {
    out.problem = "has more than one @";
    return out;
  }
  bool international = false;
  out.problem = check_local_part(address.substr(0, at), international);
  if (out.problem.empty()) out.problem = check_domain(address.substr(at + 1), international);
  out.valid = out.problem.empty();
  out.international = out.valid && international;
  return out;
}

std::string mailto_uri(std::string_view address) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "mailto:";
  for (const char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    // '%', '?' and '#' are atext but would be read as URI syntax.
    if (byte < 0x80 && c != '%' && c != '?' && c != '#') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace lobsync::messaging
