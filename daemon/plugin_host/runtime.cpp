#include "plugin_host/runtime.h"

#include "core/log.h"

#include <algorithm>

namespace lobsync::plugin_host {

PluginRuntime::PluginRuntime(const config::Config& config, const HostServices& services)
    : catalog_(PluginCatalog::scan(config.plugin_dirs)) {
  for (const auto& warning : catalog_.warnings()) log::warn("{}", warning);
  for (const auto& settings : config.plugins) {
    InstanceState state{settings.instance, settings.plugin, settings.enabled, false, {}};
    if (!settings.enabled) {
      state.error = "disabled in config";
      states_.push_back(std::move(state));
      continue;
    }
    const auto* plugin = catalog_.find(settings.plugin);
    if (plugin == nullptr) {
      state.error = "plugin '" + settings.plugin + "' is not loaded";
    } else if (auto instance = PluginInstance::create(*plugin, settings.instance, settings.settings, services, state.error)) {
      state.running = true;
      instances_.push_back(std::move(instance));
    }
    if (state.running) {
      log::info("plugin instance {} ({} {}) started", settings.instance, settings.plugin, plugin->info.version);
    } else {
      log::error("plugin instance {} not started: {}", settings.instance, state.error);
    }
    states_.push_back(std::move(state));
  }
}

PluginInstance* PluginRuntime::instance(std::string_view name) const {
  for (const auto& i : instances_) {
    if (i->name() == name) return i.get();
  }
  return nullptr;
}

std::vector<PluginInstance*> PluginRuntime::instances_with(Capability capability) const {
  std::vector<PluginInstance*> out;
  for (const auto& i : instances_) {
    if (i->has(capability)) out.push_back(i.get());
  }
  return out;
}

bool PluginRuntime::all_running() const {
  return std::all_of(states_.begin(), states_.end(),
                     [](const InstanceState& s) { return s.running || !s.enabled; });
}

}  // namespace lobsync::plugin_host
