// The one error every message builder throws for input it refuses (a bad address, a value that
// would break a header or a content line, a missing field). The text names the field.
#pragma once

#include <stdexcept>

namespace lobsync::messaging {

class MessageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace lobsync::messaging
