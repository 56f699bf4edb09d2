// Splitting and percent-decoding a request target. Kept apart from the server so the rules
// that guard the router (origin-form only, no ".." segments) are tested without sockets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::http {

struct Target {
  std::string path;                          // decoded
  std::map<std::string, std::string> query;  // decoded, '+' as space; first occurrence wins
};

// nullopt for a target the server answers with 400: not origin-form (must start with '/'),
// a malformed %-escape, a NUL byte (in the path or in a query key or value, also as %00), or a
// ".." path segment (also when written as %2e%2e).
std::optional<Target> parse_target(std::string_view target);

// Decodes %XX escapes (and '+' to space when plus_is_space); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Escapes every byte but the unreserved ones (A-Z a-z 0-9 - . _ ~) as %XX, so `text` (a roster
// key) can stand as one path segment of a URL the server gives out, e.g. in a Location header.
std::string percent_encode(std::string_view text);

}  // namespace lobsync::http
