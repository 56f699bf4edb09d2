// Transfer encodings for MIME bodies and headers: base64, quoted-printable and RFC 2047 encoded
// words. Pure functions on bytes; they never fail.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::messaging {

// Every byte is printable ASCII (0x20-0x7E): such text goes into a header as it is.
bool is_ascii_printable(std::string_view s);

std::string base64(std::string_view bytes);

// base64 wrapped at 76 characters, every line ending in CRLF (a MIME body).
std::string base64_body(std::string_view bytes);

// Quoted-printable (RFC 2045 §6.7) of text whose line breaks are '\n' or CRLF: hard breaks
// become CRLF, lines are soft-broken at 76 characters without splitting an =XX escape, trailing
// white space and a leading '.' are escaped. Ends with CRLF exactly when the text ends with a
// line break, so a part's content decodes to the text byte for byte (with CRLF line ends).
std::string quoted_printable(std::string_view text);

// RFC 2047 "B" encoded-word(s) for non-ASCII text; printable ASCII text is returned as is.
std::string encode_header_text(std::string_view utf8);

// '\n' and lone '\r' become CRLF; existing CRLF pairs stay.
std::string to_crlf(std::string_view text);

}  // namespace lobsync::messaging
