// Building finished RFC 5322 / MIME messages. The host owns message formats; mailer plugins
// only transport what this produces. Header values never carry CR or LF (no header injection),
// non-ASCII header text is RFC 2047-encoded, and bodies are UTF-8 in base64 or quoted-printable.
// The shared pieces live in mime_headers.h (fields) and mime_encoding.h (encodings); the
// multipart builders for invitations and HTML mail in imip.h.
#pragma once

#include "core/clock.h"
#include "messaging/message_error.h"
#include "messaging/mime_encoding.h"
#include "messaging/mime_headers.h"

#include <string>
#include <vector>

namespace lobsync::messaging {

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

}  // namespace lobsync::messaging
