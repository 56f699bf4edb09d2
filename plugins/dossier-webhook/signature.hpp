// The webhook's request signature: HMAC-SHA256 over "<timestamp>.<body>" with the shared
// secret, so a receiver can check that a record comes from this school's lobsync, unaltered,
// and recently (the timestamp is signed too, so an old request cannot be replayed later).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace dossier_webhook {

// "sha256=" + lower-case hex of HMAC-SHA256(secret, timestamp + "." + body).
std::string signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

}  // namespace dossier_webhook
