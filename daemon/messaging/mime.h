// Building finished RFC 5322 / MIME messages. The host owns message formats; mailer plugins
// only transport what this produces. Header values never carry CR or LF (no header injection),
// non-ASCII header text is RFC 2047-encoded, and bodies are UTF-8 in base64.
#pragma once

#include "core/clock.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {

class MessageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Mailbox {
  std::string address;       // local@domain
  std::string display_name;  // optional, any UTF-8
};

struct TextMessage {
  Mailbox from;
  std::vector<Mailbox> to;
  std::string subject;   // UTF-8
  std::string body;      // UTF-8 plain text, '\n' line ends
  std::string message_id_left;  // the part before '@' of Message-ID, stable per message
  Instant date;
};

// Throws MessageError when an address is not plausible or a value would break the header.
std::string build_text_message(const TextMessage& message);

// RFC 2047 "B" encoded-word(s) for non-ASCII text; ASCII text is returned as is.
std::string encode_header_text(std::string_view utf8);
std::string base64(std::string_view bytes);
bool plausible_address(std::string_view address);

}  // namespace lobsync::messaging
