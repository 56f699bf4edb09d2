#include "cli/plugin_describe.h"

#include "cli/commands.h"
#include "plugin_host/capabilities.h"
#include "plugin_host/settings_table.h"

#include <iostream>

namespace lobsync::cli {

int describe_plugin(const plugin_host::PluginCatalog& catalog, const std::string& name, DescribeFormat format) {
  const auto* plugin = catalog.find(name);
  if (plugin == nullptr) {
    std::string known;
    for (const auto& p : catalog.loaded()) known += (known.empty() ? "" : ", ") + p.info.name;
    std::cerr << "lobsync: no plugin named " << name << " is loaded (loaded: " << (known.empty() ? "none" : known) << ")\n";
    return kExitUsage;
  }
  const auto& info = plugin->info;
  const auto rows = plugin_host::settings_rows(info.settings);
  switch (format) {
    case DescribeFormat::json: {
      auto j = plugin_host::to_json(info);
      j["settings"] = info.settings;  // null: the plugin declares none
      std::cout << j.dump(2) << "\n";
      break;
    }
    case DescribeFormat::markdown:
      if (!info.settings.is_array()) std::cout << "The plugin declares no settings.\n";
      else std::cout << plugin_host::settings_markdown(rows);
      break;
    case DescribeFormat::text: {
      std::string caps;
      for (const auto& c : plugin_host::capability_names(info.capabilities)) caps += (caps.empty() ? "" : ", ") + c;
      std::cout << info.name << " " << info.version << " (plugin ABI " << info.abi << "): " << info.description << "\n"
                << "capabilities: " << caps << "\n"
                << "file: " << info.path.string() << "\n\n";
      if (!info.settings.is_array()) {
        std::cout << "settings: the plugin declares none (built before plugin ABI 1.1, or it checks its settings "
                     "itself); see its README\n";
      } else if (rows.empty()) {
        std::cout << "settings: none (the plugin takes no settings)\n";
      } else {
        std::cout << "settings:\n" << plugin_host::settings_text(rows);
      }
      break;
    }
  }
  return kExitOk;
}

}  // namespace lobsync::cli
