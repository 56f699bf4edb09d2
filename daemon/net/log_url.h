// What of a URL may appear in the log: scheme://host[:port]/path. Query strings and user info
// are dropped because they carry tokens, credentials and student identifiers.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::net {

// "<invalid url>" when the URL cannot be parsed.
std::string loggable_url(std::string_view url);

}  // namespace lobsync::net
