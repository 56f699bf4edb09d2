// Parsing JSON that comes from outside (request bodies, config files) so that bad input is a
// message naming where it is, never an exception escaping to the caller. nlohmann reports a
// number too large for a double ("1e999", 400 digits) as out_of_range, not as a parse error, so
// a caller catching only parse_error answered such a body with a 500.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace lobsync {

struct JsonParse {
  nlohmann::json value;  // null on failure
  bool ok = false;
  // On failure: the JSON pointer of the value at fault ("/next_steps/0/due"; "" for the whole
  // text), the 1-based byte a syntax error was found at (0 for other failures), and what is
  // wrong, e.g. "the number is too large" or nlohmann's "syntax error while parsing …".
  std::string field;
  std::size_t byte = 0;
  std::string message;
};

JsonParse parse_json(std::string_view text, bool ignore_comments = false);

}  // namespace lobsync
