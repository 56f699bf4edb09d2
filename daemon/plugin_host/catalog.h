// Finding and checking plugins. Every .so file in the configured folders is loaded and its
// descriptor checked; a bad one is refused with the file and the reason, and the rest load.
#pragma once

#include "plugin_host/shared_library.h"

#include <lobsync/plugin_abi.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::plugin_host {

struct PluginInfo {
  std::filesystem::path path;
  bool loaded = false;
  std::string error;  // why it was refused
  std::string name;
  std::string version;
  std::string description;
  std::string abi;  // "major.minor" as the plugin declared it
  std::uint32_t capabilities = 0;
  // The settings the plugin declares (ABI 1.1 descriptor member settings_json), as an array of
  // setting objects; null when it declares none (a 1.0 plugin, or one that checks by hand).
  nlohmann::json settings;
};

nlohmann::json to_json(const PluginInfo& info);

struct LoadedPlugin {
  PluginInfo info;
  std::shared_ptr<SharedLibrary> library;
  lobsync_plugin_descriptor descriptor{};  // zero-filled copy: hooks a plugin lacks are null
};

class PluginCatalog {
 public:
  // Loads every *.so in the folders, in name order so results are the same on every run.
  static PluginCatalog scan(const std::vector<std::filesystem::path>& folders);

  // Every plugin file seen, loaded or refused.
  std::vector<PluginInfo> infos() const;
  const std::vector<LoadedPlugin>& loaded() const { return loaded_; }
  const LoadedPlugin* find(std::string_view name) const;
  // Folder problems (missing, unreadable); plugin problems are in infos().
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  void consider(const std::filesystem::path& file);
  void refuse(PluginInfo info, std::string reason);

  std::vector<LoadedPlugin> loaded_;
  std::vector<PluginInfo> refused_;
  std::vector<std::filesystem::path> order_;
  std::vector<std::string> warnings_;
};

}  // namespace lobsync::plugin_host
