// Secrets are never required inline in the config: a setting may instead hold a reference,
// {"env": "NAME"} or {"file": "/etc/lobsync/secrets/name"}, resolved only when needed.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace lobsync::config {

// True when `value` has the shape of a secret reference.
bool is_secret_reference(const nlohmann::json& value);

struct SecretResult {
  std::optional<std::string> value;
  std::string error;  // names the reference (variable or file), never a value
};

// Resolves a reference. A file secret loses one trailing newline, as editors add one.
SecretResult resolve_secret(const nlohmann::json& reference);

}  // namespace lobsync::config
