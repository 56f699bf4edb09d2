#include "plugin_host/catalog.h"

#include <fmt/format.h>

#include "core/log.h"
#include "plugin_host/capabilities.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <fstream>

namespace lobsync::plugin_host {
namespace {

constexpr std::uint32_t kKnownCapabilities = LOBSYNC_CAP_ROSTER_SOURCE | LOBSYNC_CAP_BUSY_SOURCE |
                                             LOBSYNC_CAP_CALENDAR_WRITER | LOBSYNC_CAP_MAILER |
                                             LOBSYNC_CAP_DOSSIER_SINK;

// dlopen's own message for a text file is "invalid ELF header" or "file too short"; say it plainly.
bool has_elf_header(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<char, 4> magic{};
  in.read(magic.data(), magic.size());
  return in.gcount() == 4 && std::memcmp(magic.data(), "\x7f" "ELF", 4) == 0;
}

bool valid_plugin_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Copies at most the host's view of the descriptor, so a smaller (older) one reads as null hooks.
lobsync_plugin_descriptor copy_descriptor(const lobsync_plugin_descriptor* d) {
  lobsync_plugin_descriptor out{};
  const std::size_t n = std::min<std::size_t>(d->struct_size, sizeof(out));
  std::memcpy(&out, d, n);
  out.struct_size = static_cast<std::uint32_t>(n);
  return out;
}

// Returns an empty string when the descriptor is usable, else why not.
std::string check_descriptor(const lobsync_plugin_descriptor& d) {
  if (d.struct_size < offsetof(lobsync_plugin_descriptor, health)) {
    return "descriptor is too small (" + std::to_string(d.struct_size) + " bytes); not a lobsync 1.x plugin";
  }
  const std::string host_abi = std::to_string(LOBSYNC_ABI_MAJOR) + "." + std::to_string(LOBSYNC_ABI_MINOR);
  const std::string plugin_abi = std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor);
  if (d.abi_major != LOBSYNC_ABI_MAJOR) {
    return "built for plugin ABI " + plugin_abi + "; this lobsync speaks ABI " + host_abi;
  }
  if (d.abi_minor > LOBSYNC_ABI_MINOR) {
    return "built for plugin ABI " + plugin_abi + ", newer than this lobsync's " + host_abi +
           "; update lobsync";
  }
  if (d.name == nullptr || !valid_plugin_name(d.name)) {
    return "plugin name is missing or invalid (use a-z, 0-9 and '-')";
  }
  if (d.version == nullptr || *d.version == '\0') return "plugin version is missing";
  if (d.create == nullptr) return "descriptor lacks the create hook";
  if (d.destroy == nullptr) return "descriptor lacks the destroy hook";
  if (d.call == nullptr) return "descriptor lacks the call hook";
  if (d.capabilities == 0) return "plugin declares no capabilities";
  if ((d.capabilities & ~kKnownCapabilities) != 0) {
    return "plugin declares capabilities this lobsync does not know (bits " +
           std::to_string(d.capabilities & ~kKnownCapabilities) + ")";
  }
  return {};
}

// The plugin's settings declaration; null when it has none. A declaration that is not a JSON
// array only loses the description (validate_config still judges the settings), so it is
// logged, not a reason to refuse the plugin.
nlohmann::json declared_settings(const lobsync_plugin_descriptor& d, const std::filesystem::path& file) {
  if (d.struct_size < offsetof(lobsync_plugin_descriptor, settings_json) + sizeof(d.settings_json) ||
      d.settings_json == nullptr) {
    return nullptr;
  }
  auto declared = nlohmann::json::parse(d.settings_json, nullptr, false);
  if (declared.is_array()) return declared;
  log::warn("plugin {}: its settings declaration is not a JSON array; ignored", file.string());
  return nullptr;
}

}  // namespace

nlohmann::json to_json(const PluginInfo& info) {
  nlohmann::json j{{"name", info.name},
                   {"version", info.version},
                   {"abi", info.abi},
                   {"capabilities", capability_names(info.capabilities)},
                   {"description", info.description},
                   {"path", info.path.string()},
                   {"status", info.loaded ? "loaded" : "refused"}};
  if (!info.loaded) j["error"] = info.error;
  if (info.loaded) j["declares_settings"] = info.settings.is_array();
  return j;
}

PluginCatalog PluginCatalog::scan(const std::vector<std::filesystem::path>& folders) {
  PluginCatalog catalog;
  for (const auto& folder : folders) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      catalog.warnings_.push_back("plugin folder " + folder.string() + " does not exist");
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    if (ec) catalog.warnings_.push_back("plugin folder " + folder.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) catalog.consider(file);
  }
  return catalog;
}

void PluginCatalog::refuse(PluginInfo info, std::string reason) {
  info.loaded = false;
  info.error = std::move(reason);
  log::warn("plugin {} refused: {}", info.path.string(), info.error);
  refused_.push_back(std::move(info));
}

void PluginCatalog::consider(const std::filesystem::path& file) {
  order_.push_back(file);
  PluginInfo info;
  info.path = file;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return refuse(info, "not a regular file");
  if (!has_elf_header(file)) return refuse(info, "not a shared object (no ELF header)");

  std::string error;
  std::shared_ptr<SharedLibrary> library = SharedLibrary::open(file, error);
  if (!library) return refuse(info, "cannot be loaded: " + error);

  auto* entry = reinterpret_cast<lobsync_plugin_entry_v1_fn>(library->symbol(LOBSYNC_PLUGIN_ENTRY_V1_NAME, error));
  if (entry == nullptr) {
    // fmt rather than a chain of string +: GCC 12 warns falsely (-Warray-bounds) on the chain.
    return refuse(info, fmt::format("missing entry symbol {} (not a lobsync plugin, or built for another major "
                                     "ABI version)", LOBSYNC_PLUGIN_ENTRY_V1_NAME));
  }
  const lobsync_plugin_descriptor* raw = nullptr;
  try {
    raw = entry(LOBSYNC_ABI_MAJOR, LOBSYNC_ABI_MINOR);
  } catch (...) {
    return refuse(info, "entry symbol threw an exception");
  }
  if (raw == nullptr) return refuse(info, "the plugin declined to work with this lobsync (plugin ABI " + std::to_string(LOBSYNC_ABI_MAJOR) + "." + std::to_string(LOBSYNC_ABI_MINOR) + ")");

  const auto descriptor = copy_descriptor(raw);
  if (descriptor.struct_size >= offsetof(lobsync_plugin_descriptor, name) + sizeof(char*)) {
    info.abi = std::to_string(descriptor.abi_major) + "." + std::to_string(descriptor.abi_minor);
  }
  if (auto why = check_descriptor(descriptor); !why.empty()) return refuse(info, why);
  info.name = descriptor.name;
  info.version = descriptor.version;
  info.description = descriptor.description != nullptr ? descriptor.description : "";
  info.capabilities = descriptor.capabilities;
  info.settings = declared_settings(descriptor, file);
  if (const auto* other = find(info.name)) {
    return refuse(info, "duplicate plugin name '" + info.name + "', already loaded from " +
                            other->info.path.string());
  }
  info.loaded = true;
  log::debug("plugin {} {} loaded from {}", info.name, info.version, file.string());
  loaded_.push_back({std::move(info), std::move(library), descriptor});
}

std::vector<PluginInfo> PluginCatalog::infos() const {
  std::vector<PluginInfo> all;
  for (const auto& path : order_) {
    for (const auto& p : loaded_) {
      if (p.info.path == path) all.push_back(p.info);
    }
    for (const auto& r : refused_) {
      if (r.path == path) all.push_back(r);
    }
  }
  return all;
}

const LoadedPlugin* PluginCatalog::find(std::string_view name) const {
  for (const auto& p : loaded_) {
    if (p.info.name == name) return &p;
  }
  return nullptr;
}

}  // namespace lobsync::plugin_host
