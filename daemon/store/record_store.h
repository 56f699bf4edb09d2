// Mentors' API tokens (only their SHA-256 hashes are kept) and the conversation records mentors
// submit after a meeting. A record belongs to one meeting; an edit adds a version and every
// version is kept, so what was written when stays visible.
#pragma once

#include "core/clock.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::store {

struct RecordVersion {
  int version = 0;
  Instant created_at;
  nlohmann::json body;
};

struct StoredRecord {
  std::string id;
  std::string meeting;
  std::string type;  // the meeting's conversation type
  std::string student, mentor;
  std::vector<RecordVersion> versions;  // oldest first
};

// What add_record_version() wrote.
struct RecordWritten {
  std::string id;
  int version = 0;
};

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // `hash` is the hex SHA-256 of the token; the token itself is never stored.
  virtual void add_api_token(std::string_view hash, std::string_view staff, Instant now) = 0;
  // Revokes every active token of the staff member; returns how many.
  virtual std::size_t revoke_api_tokens(std::string_view staff, Instant now) = 0;
  // The staff key of an active (not revoked) token with this hash.
  virtual std::optional<std::string> api_token_staff(std::string_view hash) = 0;

  // Adds the next version of the meeting's record (the first one gets `new_id`) and marks the
  // meeting held, in one transaction. Throws StoreError when the meeting does not exist.
  virtual RecordWritten add_record_version(std::string_view meeting, std::string_view new_id,
                                           const nlohmann::json& body, Instant now) = 0;
  // The student's records with all versions, by meeting start.
  virtual std::vector<StoredRecord> student_records(std::string_view student) = 0;
  // One record with all versions, or nullopt.
  virtual std::optional<StoredRecord> record(std::string_view id) = 0;
  // Every record with all versions, by meeting start (the dossier push and the notices scan them).
  virtual std::vector<StoredRecord> all_records() = 0;
};

}  // namespace lobsync::store
