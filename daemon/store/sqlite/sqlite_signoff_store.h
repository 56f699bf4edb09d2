// SignoffStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/signoff_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteSignoffStore final : public SignoffStore {
 public:
  SqliteSignoffStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  bool add_signoff(const SignOff& signoff) override;
  std::vector<SignOff> signoffs(std::string_view record) override;
  void set_sharing(std::string_view record, const SharingDecision& decision) override;
  std::optional<SharingDecision> sharing(std::string_view record) override;
  bool queue_for_dossier(const DossierQueued& queued, const std::vector<OutboxEntry>& effects) override;
  std::vector<DossierQueued> dossier_queued(std::string_view record) override;

 private:
  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
