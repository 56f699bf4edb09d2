// SHA-256 as lower-case hex: for values that must be recognisable without being readable, such
// as the stored hashes of API tokens and the short references to signed links in the log.
#pragma once

#include <string>
#include <string_view>

namespace lobsync {

std::string sha256_hex(std::string_view data);

}  // namespace lobsync
