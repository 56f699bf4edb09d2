#include "records/api_token.h"

#include "core/sha256.h"
#include "links/base64url.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace lobsync::records {

std::string new_api_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("cannot create a token: the system has no random bytes to give");
  return links::base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string api_token_hash(std::string_view token) { return sha256_hex(token); }

}  // namespace lobsync::records
