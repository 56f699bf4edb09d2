// LinkKeyStore over the SqliteStore's connection; shares its mutex. Secrets are kept as hex text.
#pragma once

#include "store/link_key_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteLinkKeyStore final : public LinkKeyStore {
 public:
  SqliteLinkKeyStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::optional<LinkKey> newest_link_key() override;
  std::optional<LinkKey> link_key(std::int64_t id) override;
  LinkKey add_link_key(const std::string& secret, Instant now) override;
  std::vector<LinkKey> link_keys() override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
