#include "config/secrets.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

namespace lobsync::config {
namespace {

// Why a secret file is not private enough, or "". Others may never read or write it. Its group
// may only in the packaged layout (deploy/README.md): owned by root, group the daemon's own, so
// the group gives the daemon, and nobody else, read access; a file the daemon's user owns
// needs no group access at all.
std::string exposure(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return {};  // reading it will say why
  const auto mode = fmt::format("{:04o}", st.st_mode & 07777);
  if ((st.st_mode & (S_IROTH | S_IWOTH)) != 0) {
    return fmt::format("secret file {} can be read by other users (mode {}); make it private: chmod 600 {}", path,
                       mode, path);
  }
  const bool group_access = (st.st_mode & (S_IRGRP | S_IWGRP)) != 0;
  const bool daemon_group_reads = st.st_uid != ::geteuid() && st.st_gid == ::getegid() && (st.st_mode & S_IWGRP) == 0;
  if (group_access && !daemon_group_reads) {
    return fmt::format(
        "secret file {} can be read by its group (mode {}); make it private: chmod 600 {} (or owner root, "
        "group the daemon's, mode 0640, as the package sets up)",
        path, mode, path);
  }
  return {};
}

}  // namespace

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
  if (auto problem = exposure(path); !problem.empty()) return {std::nullopt, problem};
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
