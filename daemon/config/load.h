// Reading and checking the config file. Every problem names the JSON pointer of the offending
// value (e.g. "/plugins/somtoday-main/client_secret") so an administrator can find it at once.
#pragma once

#include "config/config.h"

#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace lobsync::config {

struct LoadResult {
  std::optional<Config> config;   // set when there were no problems
  std::optional<Config> partial;  // what could be read despite problems, for further checks
  std::vector<Problem> problems;
  std::vector<Problem> warnings;  // the config loads, but should be changed (e.g. a deprecated key)
};

// Reads the file and validates the host's own keys. Plugin settings are checked later by the
// plugins themselves (plugin_host::check_plugin_settings).
LoadResult load_file(const std::filesystem::path& file);

// The same for text already in memory; `source` is used in messages only.
LoadResult parse_text(std::string_view text, const std::filesystem::path& source);

// "file:line:column" for a byte offset, for syntax errors.
std::string describe_position(std::string_view text, std::size_t byte_offset,
                              const std::filesystem::path& source);

}  // namespace lobsync::config
