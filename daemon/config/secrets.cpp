#include "config/secrets.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace lobsync::config {

bool is_secret_reference(const nlohmann::json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const auto it = value.begin();
  return (it.key() == "env" || it.key() == "file") && it.value().is_string();
}

SecretResult resolve_secret(const nlohmann::json& reference) {
  if (!is_secret_reference(reference)) {
    return {std::nullopt, R"(a secret reference is {"env":"NAME"} or {"file":"/path"})"};
  }
  if (reference.contains("env")) {
    const auto name = reference["env"].get<std::string>();
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return {std::nullopt, "environment variable " + name + " is not set"};
    if (*value == '\0') return {std::nullopt, "environment variable " + name + " is empty"};
    return {std::string(value), {}};
  }
  const auto path = reference["file"].get<std::string>();
  std::ifstream in(path, std::ios::binary);
  if (!in) return {std::nullopt, "secret file " + path + " cannot be read"};
  std::ostringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  if (value.empty()) return {std::nullopt, "secret file " + path + " is empty"};
  return {std::move(value), {}};
}

}  // namespace lobsync::config
