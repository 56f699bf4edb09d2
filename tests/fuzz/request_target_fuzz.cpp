// The HTTP server's reading of a request target (daemon/http/target.cpp): parse_target and
// percent_decode. The input is the raw target as a client sends it.
//
// Invariants: an accepted target has a path that starts with '/', holds no NUL byte and no ".."
// segment, and its query keys and values hold no NUL byte either; written out again with every
// byte escaped it parses to the same path and query; percent_decode undoes percent-encoding of
// any bytes, and decoding is stable (encode(decode(x)) decodes to decode(x)).
#include "fuzz_support.hpp"
#include "url_text.hpp"

#include "http/target.h"

namespace {

using lobsync::http::parse_target;
using lobsync::http::percent_decode;

bool has_dot_dot_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);

  for (bool plus_is_space : {false, true}) {
    const std::string encoded = fuzz::percent_encode(input, false);
    const auto decoded = percent_decode(encoded, plus_is_space);
    fuzz::check(decoded && *decoded == input, "percent_decode undoes percent-encoding");
    if (const auto once = percent_decode(input, plus_is_space)) {
      const auto twice = percent_decode(fuzz::percent_encode(*once, false), plus_is_space);
      fuzz::check(twice && *twice == *once, "decoded text encodes and decodes to itself");
    }
  }

  const auto target = parse_target(input);
  if (!target) return 0;
  fuzz::check(target->path.starts_with('/'), "an accepted path starts with '/'");
  fuzz::check(target->path.find('\0') == std::string::npos, "an accepted path holds no NUL byte");
  fuzz::check(!has_dot_dot_segment(target->path), "an accepted path has no '..' segment");
  for (const auto& [key, value] : target->query) {
    fuzz::check(key.find('\0') == std::string::npos && value.find('\0') == std::string::npos,
                "accepted query keys and values hold no NUL byte");
  }

  std::string rewritten = fuzz::percent_encode(target->path, true);
  std::string separator = "?";
  for (const auto& [key, value] : target->query) {
    rewritten += separator + fuzz::percent_encode(key, false) + "=" + fuzz::percent_encode(value, false);
    separator = "&";
  }
  const auto again = parse_target(rewritten);
  fuzz::check(again.has_value(), "an accepted target, escaped, is accepted again", rewritten);
  fuzz::check(again->path == target->path && again->query == target->query, "an escaped target parses to the same", rewritten);
  return 0;
}
