// Where the export's CSV files come from: a folder or a .zip, behind one interface so the
// mapping does not care which.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace oneroster {

class Bundle {
 public:
  virtual ~Bundle() = default;
  // The raw bytes of `name` (e.g. "users.csv"), or nullopt when the export has no such file.
  // Throws lobsync::sdk::Error(LOBSYNC_E_INVALID_ARGUMENT) when the file exists but cannot be
  // read completely (a truncated or corrupt zip).
  virtual std::optional<std::string> read(const std::string& name) = 0;
};

// Opens a folder or, for a regular file, a zip. Throws Error naming the path when it is
// neither, is missing, or the zip is unreadable.
std::unique_ptr<Bundle> open_bundle(const std::filesystem::path& path);

}  // namespace oneroster
