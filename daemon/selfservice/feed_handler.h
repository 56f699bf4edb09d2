// GET /calendar/{token}.ics: a mentor's meetings as one subscribable calendar (no METHOD), with
// the same UIDs and SEQUENCEs as the invitations, so a client that also got those merges them.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "config/config.h"
#include "selfservice/services_source.h"
#include "store/link_key_store.h"

#include <string>

namespace lobsync::selfservice {

http::Response mentor_feed(const ServicesSource& services, const http::Request& request);

// "<public_url>/calendar/<token>.ics" for a mentor (staff key); signs with the current link key
// (creating the first one if needed). Throws std::runtime_error when http.public_url is unset.
std::string feed_url(const config::Config& config, store::LinkKeyStore& keys, const std::string& staff_key, Instant now);

}  // namespace lobsync::selfservice
