// RecordStore over the SqliteStore's connection; shares its mutex.
#pragma once

#include "store/record_store.h"
#include "store/sqlite/database.h"

#include <mutex>

namespace lobsync::store::sqlite {

class SqliteRecordStore final : public RecordStore {
 public:
  SqliteRecordStore(Database& db, std::mutex& mutex) : db_(db), mutex_(mutex) {}

  void add_api_token(std::string_view hash, std::string_view staff, Instant now) override;
  std::size_t revoke_api_tokens(std::string_view staff, Instant now) override;
  std::optional<std::string> api_token_staff(std::string_view hash) override;
  RecordWritten add_record_version(std::string_view meeting, std::string_view new_id, const nlohmann::json& body,
                                   Instant now) override;
  std::vector<StoredRecord> student_records(std::string_view student) override;
  std::optional<StoredRecord> record(std::string_view id) override;
  std::vector<StoredRecord> all_records() override;

 private:
  // Rows of `where` (a condition on r, binding ?1 to `value` unless empty) grouped into records.
  std::vector<StoredRecord> select_records(std::string_view where, std::string_view value);

  Database& db_;
  std::mutex& mutex_;
};

}  // namespace lobsync::store::sqlite
