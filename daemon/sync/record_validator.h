// Checks one roster record from a plugin against plugins/sdk/roster-records.md and reduces it
// to the fields the product keeps. A bad optional value is dropped with a problem; a record
// without what identifies it is dropped whole with a problem. Nothing else is kept: unknown
// fields never reach the store (data minimisation).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lobsync::sync {

struct Problem {
  std::string record;   // "student s-1", never a name
  std::string field;
  std::string message;
  std::string dropped;  // "record", "value", or "nothing" (kept; the source should still be fixed)
};

nlohmann::json to_json(const Problem& p);

struct ValidatedRecord {
  std::string kind;
  std::string source_id;
  nlohmann::json payload;  // the kept fields only
  // Links to other records, checked after the whole snapshot is read: (kind, source_id, field).
  struct Reference {
    std::string kind;
    std::string source_id;
    std::string field;
  };
  std::vector<Reference> references;
};

struct ValidationResult {
  std::optional<ValidatedRecord> record;  // nullopt when dropped, or for a plugin's "problem"
  std::vector<Problem> problems;
};

ValidationResult validate_record(std::string_view json_text);

// The plural used in reports and the sync contract: "student" -> "students", "staff" -> "staff".
std::string report_name(std::string_view kind);

}  // namespace lobsync::sync
