// The one error every message builder throws for input it refuses (a bad address, a value that
// would break a header or a content line, a missing field). The text names the field.
#pragma once

#include "core/time_zone.h"

#include <lobsync/text_encoding.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace lobsync::messaging {

class MessageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Text a message carries must be valid UTF-8; the error names the field.
inline void require_utf8(std::string_view field, std::string_view text) {
  if (sdk::detail::first_invalid_utf8(text) != std::string_view::npos) {
    throw MessageError("the " + std::string(field) + " is not valid UTF-8");
  }
}

// A zone named in a message's input: an unknown one is refused like any other value.
inline const date::time_zone* message_zone(std::string_view name) {
  try {
    return find_time_zone(name);
  } catch (const UnknownTimeZone& e) {
    throw MessageError(e.what());
  }
}

}  // namespace lobsync::messaging
