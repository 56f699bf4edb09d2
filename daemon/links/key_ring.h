// The school's link keys as the code that signs and checks links uses them.
#pragma once

#include "links/token.h"
#include "store/link_key_store.h"

namespace lobsync::links {

// The key new links are signed with: the newest one, created on first use (32 random bytes).
store::LinkKey current_key(store::LinkKeyStore& keys, Instant now);
// Adds a new key: links signed from now on use it, older links keep working until they expire.
store::LinkKey rotate_key(store::LinkKeyStore& keys, Instant now);
// Looks secrets up in the store (for verify()).
SecretLookup secret_lookup(store::LinkKeyStore& keys);

}  // namespace lobsync::links
