// Small helpers for plugins that write their output as files a person can open: safe file
// names and atomic writes (a reader never sees half a file, a crash leaves no partial one).
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

namespace lobsync::sdk {

// Keeps [A-Za-z0-9._@-] and replaces everything else, so an id can never leave its folder.
inline std::string safe_file_name(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '@' || c == '-';
    out += keep ? c : '_';
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

// Writes `content` to `file` through a temporary file and rename(2).
inline void write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot create folder " + file.parent_path().string() + ": " + ec.message());
  const auto temp = file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot write " + temp.string());
  }
  std::filesystem::rename(temp, file, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw Error(LOBSYNC_E_UNAVAILABLE, "cannot move file into place: " + file.string());
  }
}

// Creates the plugin's output folder at start, so a wrong path fails as a config error then.
inline std::filesystem::path ensure_folder(const nlohmann::json& settings, std::string_view what) {
  std::filesystem::path folder = settings.at("folder").get<std::string>();
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) throw Error(LOBSYNC_E_CONFIG, "cannot create " + std::string(what) + " " + folder.string() + ": " + ec.message());
  return folder;
}

// Checks the common "folder" setting.
inline void validate_folder_setting(const nlohmann::json& settings, Problems& problems) {
  if (!settings.contains("folder")) {
    problems.add("/folder", "missing: the folder to write into");
  } else if (!settings["folder"].is_string() || settings["folder"].get<std::string>().empty()) {
    problems.add("/folder", "must be a non-empty folder name");
  }
  for (const auto& [key, _] : settings.items()) {
    if (key != "folder") problems.add("/" + key, "unknown setting (known: folder)");
  }
}

}  // namespace lobsync::sdk
