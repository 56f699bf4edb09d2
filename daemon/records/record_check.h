// Checks a conversation record as a mentor submits it (POST /api/v1/meetings/{id}/record):
// first that it is a JSON object within the size limit (else 400), then its content (else 422).
// Every problem names its field as a JSON pointer ("/next_steps/0/owner").
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::records {

inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;
inline constexpr std::size_t kMaxPhaseChars = 4000;
inline constexpr std::size_t kMaxStepChars = 500;
inline constexpr std::size_t kMaxNextSteps = 50;

struct FieldError {
  std::string field;  // JSON pointer, "" for the whole body
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct CheckedRecord {
  int status = 0;  // 0: fine; 400: not a JSON object of acceptable size; 422: invalid content
  nlohmann::json body;
  std::vector<FieldError> errors;
};

CheckedRecord check_record(std::string_view text);

// The content rules alone, for a body that is already a JSON object.
std::vector<FieldError> validate_record(const nlohmann::json& body);

// {"error": summary, "errors": [{"field", "message"}, ...]}
nlohmann::json errors_json(std::string_view summary, const std::vector<FieldError>& errors);

}  // namespace lobsync::records
