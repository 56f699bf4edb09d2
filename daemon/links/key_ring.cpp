#include "links/key_ring.h"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace lobsync::links {
namespace {

std::string random_secret() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("cannot create a link key: the system has no random bytes to give");
  return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

}  // namespace

store::LinkKey current_key(store::LinkKeyStore& keys, Instant now) {
  if (auto newest = keys.newest_link_key()) return *newest;
  // Two processes creating the first key at once both succeed; the newer one is used from
  // then on and the other still verifies what was signed with it.
  return keys.add_link_key(random_secret(), now);
}

store::LinkKey rotate_key(store::LinkKeyStore& keys, Instant now) { return keys.add_link_key(random_secret(), now); }

SecretLookup secret_lookup(store::LinkKeyStore& keys) {
  return [&keys](std::int64_t id) -> std::optional<std::string> {
    if (auto key = keys.link_key(id)) return key->secret;
    return std::nullopt;
  };
}

}  // namespace lobsync::links
