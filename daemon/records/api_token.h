// Mentors' bearer tokens for the records API: 32 random bytes as base64url, shown once; the
// store keeps only the SHA-256 hash (hex), so a copy of the database cannot be used to log in.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::records {

// Throws std::runtime_error when the system has no random bytes.
std::string new_api_token();
// Lower-case hex SHA-256 of the token.
std::string api_token_hash(std::string_view token);

}  // namespace lobsync::records
