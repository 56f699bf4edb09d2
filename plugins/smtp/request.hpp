// The mail.send request: checked completely before anything is sent, so a malformed request
// never reaches the server halfway. Error messages name fields and line numbers, never the
// addresses or the content (personal data).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace smtp {

inline constexpr std::size_t kMaxLineOctets = 998;  // RFC 5322 2.1.1, without the CRLF
inline constexpr std::size_t kMaxAddressOctets = 254;

struct MailRequest {
  std::string idempotency_key;
  std::string from;                     // envelope sender: receives bounces (DSNs)
  std::vector<std::string> recipients;  // one SMTP transaction each
  std::string message;                  // CRLF line ends, ending in CRLF
};

// Throws lobsync::sdk::Error(LOBSYNC_E_INVALID_ARGUMENT) listing every problem with its JSON pointer.
MailRequest parse_request(const nlohmann::json& request);

// Empty when `address` is safe to put into MAIL FROM / RCPT TO, else the reason: no control
// characters (CR, LF, NUL: command injection), no spaces or angle brackets, local@domain.
std::string check_address(std::string_view address);

// CRLF everywhere (a bare LF becomes CRLF, which also defuses "<LF>.<CR><LF>" smuggling), a
// final CRLF; throws for a NUL, a bare CR or a line over 998 octets, naming the line.
std::string normalise_message(std::string_view message);

// The part after the last '@', for logs that must not show the person.
std::string_view domain_of(std::string_view address);

}  // namespace smtp
