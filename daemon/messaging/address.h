// The one rule for e-mail addresses, used where an address enters (the roster sync, the config)
// and where it leaves (message headers, calendar attendees), so an address that was accepted can
// always be sent to. Before there was one rule, the sync let through addresses the message
// builder refused, and one such address stopped the planning of the whole school.
//
// Accepted: a dot-atom local part (RFC 5322 atext) and a domain of at least two labels of
// letters, digits and hyphens (RFC 5321, no address literals, no quoted local parts, no
// comments). UTF-8 letters are accepted in both parts (RFC 6531/6532 internationalised mail);
// such an address can only be delivered through a server that offers SMTPUTF8, which libcurl asks
// for on its own. Addresses that RFC 5321 allows but no school mailbox has ("a(b)@x.nl" is a
// comment, "x@[127.0.0.1]", "user@localhost") are refused.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging {

struct AddressCheck {
  bool valid = false;
  bool international = false;  // holds non-ASCII characters: needs SMTPUTF8 to be delivered
  std::string problem;         // why it is refused; never repeats the address (personal data)
};

AddressCheck check_address(std::string_view address);

inline bool plausible_address(std::string_view address) { return check_address(address).valid; }

// The address as the URI of a calendar user (RFC 5545 CAL-ADDRESS, RFC 6068): "mailto:" with
// non-ASCII bytes and the URI delimiters %, ? and # percent-encoded.
std::string mailto_uri(std::string_view address);

}  // namespace lobsync::messaging
