// Mentors' bearer tokens on the API (`lobsync tokens issue`): who the request's token belongs to.
// The store is asked for the token's hash; the token itself is never stored, compared or logged.
// (records_api.cpp has its own copy of these two from before; it can move to this header.)
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "store/store.h"

#include <optional>
#include <string>

namespace lobsync::selfservice {

// The staff key of the mentor whose active token the request carries, or nullopt.
std::optional<std::string> mentor_of_bearer(store::Store& store, const http::Request& request);

// 401 with a WWW-Authenticate challenge.
http::Response bearer_required();

}  // namespace lobsync::selfservice
