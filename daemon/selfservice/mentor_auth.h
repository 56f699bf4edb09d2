// Mentors' bearer tokens on the API: who is asking, and the 401 for nobody.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "store/store.h"

#include <optional>
#include <string>
#include <string_view>

namespace lobsync::selfservice {

// The token of an "Authorization: Bearer <token>" header; the scheme's case does not matter
// (RFC 9110, section 11.1). nullopt without the header, with another scheme or an empty token.
std::optional<std::string_view> bearer_token(const http::Request& request);

// The staff key of the mentor whose active token the request carries. The store is asked for
// the token's hash: the token itself is never stored, compared or logged.
std::optional<std::string> mentor_of_request(store::Store& store, const http::Request& request);

// 401 with a WWW-Authenticate challenge.
http::Response unauthorized();

}  // namespace lobsync::selfservice
