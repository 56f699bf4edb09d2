// Content-line helpers for iCalendar output (RFC 5545 §3.1–3.3): folding, TEXT escaping and
// parameter values. They make any UTF-8 input safe to place in a line; none of them fails.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging::ical {

// The line folded so no physical line exceeds 75 octets (CRLF + one space before each
// continuation), never inside a UTF-8 sequence, ending in CRLF.
std::string fold(std::string_view line);

// A TEXT value: backslash first, then ';' ',' and line breaks (CRLF, LF or CR → "\n") escaped;
// other control characters except TAB removed.
std::string escape_text(std::string_view text);

// A parameter value such as CN: line breaks and TAB become a space, other control characters
// are removed, '"' (which no parameter value can hold) becomes '\'', and the value is put in
// DQUOTEs when it holds ':', ';' or ','.
std::string param_value(std::string_view text);

}  // namespace lobsync::messaging::ical
