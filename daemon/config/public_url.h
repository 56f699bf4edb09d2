// Checks http.public_url, the base of every link parents get: parents' browsers must reach it
// over TLS, so plain http is only accepted for a loopback host (tests, a local demo).
#pragma once

#include <string>

namespace lobsync::config {

// "" when fine, else what is wrong. `url` loses trailing slashes.
std::string check_public_url(std::string& url);

}  // namespace lobsync::config
