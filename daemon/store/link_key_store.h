// The keys signed links are made with (links/token.h). Keys are never deleted: a link names the
// key that signed it and stays valid until it expires, also after a newer key was added.
#pragma once

#include "core/clock.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::store {

struct LinkKey {
  std::int64_t id = 0;
  std::string secret;  // raw bytes
  Instant created_at;
};

class LinkKeyStore {
 public:
  virtual ~LinkKeyStore() = default;
  // The newest key (the one new links use), if any.
  virtual std::optional<LinkKey> newest_link_key() = 0;
  virtual std::optional<LinkKey> link_key(std::int64_t id) = 0;
  virtual LinkKey add_link_key(const std::string& secret, Instant now) = 0;
  virtual std::vector<LinkKey> link_keys() = 0;  // oldest first
};

}  // namespace lobsync::store
