// The one e-mail address rule (daemon/messaging/address.cpp) that the roster sync, the config and
// the message builders share: check_address and mailto_uri. The input is the address.
//
// Invariants: an accepted address is at most 254 bytes of valid UTF-8 with exactly one '@', a
// local part of at most 64 bytes, a dotted domain, and no control character, space or bracket;
// it is marked international exactly when it has a non-ASCII byte; a refusal gives a reason
// that does not repeat the address (personal data); mailto_uri is ASCII without a raw '?', '#'
// or '%' and percent-decodes back to the address.
#include "fuzz_support.hpp"

#include "http/target.h"
#include "messaging/address.h"

#include <algorithm>
#include <cctype>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view address = fuzz::as_text(data, size);
  const auto check = lobsync::messaging::check_address(address);

  if (check.valid) {
    fuzz::check(check.problem.empty(), "an accepted address has no problem");
    fuzz::check(address.size() <= 254 && fuzz::valid_utf8(address), "an accepted address is short, valid UTF-8");
    const auto at = address.find('@');
    fuzz::check(at != std::string_view::npos && address.find('@', at + 1) == std::string_view::npos, "one '@'");
    fuzz::check(at >= 1 && at <= 64, "a local part of 1 to 64 bytes");
    const std::string_view domain = address.substr(at + 1);
    fuzz::check(domain.find('.') != std::string_view::npos && !domain.starts_with('.') && !domain.ends_with('.'), "a dotted domain");
    fuzz::check(std::none_of(address.begin(), address.end(),
                             [](unsigned char c) { return c <= 0x20 || c == 0x7f || c == '[' || c == ']' || c == '(' || c == '"'; }),
                "no control character, space, bracket, comment or quote");
    const bool non_ascii = std::any_of(address.begin(), address.end(), [](unsigned char c) { return c >= 0x80; });
    fuzz::check(check.international == non_ascii, "international exactly when non-ASCII");
  } else {
    fuzz::check(!check.problem.empty() && !check.international, "a refusal says why");
    // Reasons mention "the @" but never an address around it: "x@y" in a reason is the input.
    const auto at = address.find('@');
    const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    if (at != std::string_view::npos && at > 0 && at + 1 < address.size() && word(address[at - 1]) && word(address[at + 1])) {
      fuzz::check(check.problem.find(address) == std::string::npos, "a refusal does not repeat the address");
    }
  }

  const std::string uri = lobsync::messaging::mailto_uri(address);
  fuzz::check(uri.starts_with("mailto:"), "a mailto URI starts with mailto:");
  const std::string_view rest = std::string_view(uri).substr(7);
  fuzz::check(std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return c < 0x80 && c != '?' && c != '#'; }),
              "a mailto URI is ASCII without '?' or '#'");
  const auto decoded = lobsync::http::percent_decode(rest, false);
  fuzz::check(decoded && *decoded == address, "a mailto URI decodes back to the address", uri);
  return 0;
}
