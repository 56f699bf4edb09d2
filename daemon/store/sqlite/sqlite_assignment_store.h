// AssignmentStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/assignment_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteAssignmentStore final : public AssignmentStore {
 public:
  SqliteAssignmentStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  std::optional<AssignmentState> assignment(std::string_view meeting) override;
  AssignmentState mark_done(std::string_view meeting, std::string_view template_id, std::string_view participant,
                            std::string_view role, std::string_view answer, Instant now) override;
  bool responded(std::string_view meeting, std::string_view participant) override;

 private:
  std::optional<AssignmentState> read(std::string_view meeting);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
