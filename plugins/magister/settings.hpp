// The plugin's settings, declared once (the SDK checks them, refuses unknown keys at every level
// and shows them in `lobsync plugins --describe magister`), and read into Settings.
#pragma once

#include "columns.hpp"

#include <lobsync/plugin_sdk.hpp>
#include <lobsync/text_encoding.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>

namespace magister {

enum class Mode { swp, files };

struct Settings {
  Mode mode = Mode::files;

  // mode "swp"
  std::string url;  // base URL without query, e.g. https://school.swp.nl:8800/doc
  std::string username;
  nlohmann::json password;  // a secret reference; resolved only when reading
  std::optional<std::string> parents_layout;
  std::optional<std::string> mentors_layout;
  std::optional<std::string> timetable_layout;  // optional: without it busy.read knows no lessons
  int timeout_ms = 120000;

  // mode "files"; a table without a file (null) is not read. The timetable has no default:
  // only a school that exports it names the file.
  std::filesystem::path folder;
  std::array<std::optional<std::string>, kTables.size()> files{
      std::string("leerlingen.csv"), std::string("personeel.csv"), std::string("ouders.csv"),
      std::string("mentoren.csv"), std::nullopt};

  lobsync::sdk::SourceEncoding encoding = lobsync::sdk::SourceEncoding::automatic;
  ColumnMap columns = default_columns();
};

const lobsync::sdk::settings::Declaration& declared_settings();

// Settings read for create(); throws Error(LOBSYNC_E_CONFIG) naming every problem.
Settings read_settings(const nlohmann::json& settings);

// Whether a timetable source is configured (files.timetable or layouts.timetable).
bool has_timetable(const Settings& settings);

}  // namespace magister
