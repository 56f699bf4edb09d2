// RFC 5322 header fields every message builder shares. Each function refuses (MessageError) a
// value that could end the header early: CR, LF or NUL anywhere, an implausible address.
#pragma once

#include "core/clock.h"
#include "messaging/address.h"
#include "messaging/message_error.h"

#include <string>
#include <string_view>
#include <vector>

namespace lobsync::messaging {

struct Mailbox {
  std::string address;       // local@domain
  std::string display_name;  // optional, any UTF-8
};

// `"Name" <a@b>` or `=?UTF-8?B?...?= <a@b>` or `a@b`. `field` names the mailbox in errors
// ("recipient address"); the address itself is never put in an error.
std::string format_mailbox(const Mailbox& mailbox, std::string_view field = "address");

// The fields a message starts with, each ending in CRLF: From, To, Subject, Date, Message-ID
// (`<left@domain of from>`), MIME-Version and Auto-Submitted (no out-of-office replies).
struct CommonHeaders {
  const Mailbox& from;
  const std::vector<Mailbox>& to;
  std::string_view subject;
  std::string_view message_id_left;
  Instant date;
};
std::string common_headers(const CommonHeaders& headers);

// Throws MessageError naming `field` when `value` holds CR, LF or NUL.
void require_single_line(std::string_view field, std::string_view value);

}  // namespace lobsync::messaging
