// Content-line helpers for iCalendar output (RFC 5545 §3.1–3.3): folding, TEXT escaping and
// parameter values. They make any UTF-8 input safe to place in a line; none of them fails.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging::ical {

// The line folded so no physical line exceeds 75 octets (CRLF + one space before each
// continuation), never inside a UTF-8 sequence, ending in CRLF.
std::string fold(std::string_view line);
// The same, appended to `out` (a document is built line by line into one string).
void append_folded(std::string& out, std::string_view line);

// A TEXT value: backslash first, then ';' ',' and line breaks (CRLF, LF or CR → "\n") escaped;
// other control characters except TAB removed.
std::string escape_text(std::string_view text);

// A parameter value such as CN, per RFC 5545 §3.1 and RFC 6868: '^' is written "^^", '"' (which
// no parameter value can hold) "^'" and a line break (CRLF, LF or CR) "^n"; TAB becomes a space
// and other control characters are removed. The value is put in DQUOTEs when it holds ':', ';',
// ',' or '\': readers that take a backslash as an escape (python-icalendar does, even in
// parameters) would otherwise read "CN=Jan\:mailto:…" as part of the name and take the wrong
// address.
std::string param_value(std::string_view text);

}  // namespace lobsync::messaging::ical
