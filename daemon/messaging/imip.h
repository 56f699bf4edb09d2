// Mail with a calendar invitation (iMIP, RFC 6047) and plain HTML mail (reminders, digests).
// The structure of an invitation is the one every major client reads:
//   multipart/mixed [ multipart/alternative [ text/plain, text/html,
//                     text/calendar; method=REQUEST|CANCEL ], application/ics invite.ics ]
// Text parts are quoted-printable, the calendar base64; all lines end in CRLF and stay far below
// 998 octets. Headers are shared with mime.h (no header injection, RFC 2047 for non-ASCII).
#pragma once

#include "core/clock.h"
#include "messaging/icalendar.h"
#include "messaging/mime_headers.h"

#include <string>
#include <vector>

namespace lobsync::messaging {

struct InvitationMail {
  Mailbox from;  // = ORGANIZER address
  Mailbox to;    // one recipient per message (privacy, exact status)
  std::string subject, text, html;  // UTF-8; html is a full fragment the caller escaped
  std::string calendar;             // build_icalendar() output
  ItipMethod method = ItipMethod::request;  // request or cancel; must match the METHOD in `calendar`
  std::string message_id_left;      // stable per message (retries reuse it)
  Instant date;
};

// Throws MessageError for a bad header value, a method that is none or differs from the
// calendar's METHOD, a From that is not the calendar's ORGANIZER, or text that is not UTF-8.
std::string build_invitation_message(const InvitationMail& mail);

struct HtmlMail {
  Mailbox from;
  std::vector<Mailbox> to;
  std::string subject, text, html, message_id_left;
  Instant date;
};

// multipart/alternative [text/plain, text/html].
std::string build_html_message(const HtmlMail& mail);

}  // namespace lobsync::messaging
