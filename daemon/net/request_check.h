// Checks a request before it goes on the wire, so a plugin cannot smuggle extra headers or
// request lines (CR/LF injection) or invent methods. Shared by perform() and the JSON parser.
#pragma once

#include "net/http_client.h"

#include <optional>
#include <string>
#include <string_view>

namespace lobsync::net {

// The methods plugins may use.
bool is_allowed_method(std::string_view method);
// Starts with http:// or https:// (any case).
bool has_http_scheme(std::string_view url);
// An RFC 9110 token: what a header name must be.
bool is_token(std::string_view s);
// A header value without CR, LF or NUL.
bool is_safe_header_value(std::string_view s);

// nullopt when the request may be sent; otherwise what is wrong, naming the field (never a
// header's value, which may be a credential).
std::optional<std::string> check_request(const HttpRequest& request);

}  // namespace lobsync::net
