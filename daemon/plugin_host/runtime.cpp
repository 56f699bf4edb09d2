#include "plugin_host/runtime.h"

#include "core/log.h"
#include "plugin_host/capabilities.h"

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
      add_connections(*plugin, settings, services);
    } else {
      log::error("plugin instance {} not started: {}", settings.instance, state.error);
    }
    states_.push_back(std::move(state));
  }
}

void PluginRuntime::add_connections(const LoadedPlugin& plugin, const config::PluginInstanceSettings& settings,
                                    const HostServices& services) {
  if (settings.connections <= 1) return;
  // Only the outbox sends through copies; a roster or busy source would just hold them.
  const auto sends = bit_of(Capability::mailer) | bit_of(Capability::calendar_writer) | bit_of(Capability::dossier_sink);
  if ((plugin.info.capabilities & sends) == 0) {
    log::warn("plugin instance {}: connections is {}, but {} delivers nothing from the outbox; using one",
              settings.instance, settings.connections, settings.plugin);
    return;
  }
  auto& extras = extra_connections_[settings.instance];
  for (unsigned i = 1; i < settings.connections; ++i) {
    std::string error;
    auto copy = PluginInstance::create(plugin, settings.instance, settings.settings, services, error);
    if (!copy) {
      // The first copy started with the same settings, so this is a resource running out:
      // deliver with fewer connections rather than not at all.
      log::warn("plugin instance {}: connection {} of {} not started, delivering over {}: {}", settings.instance,
                i + 1, settings.connections, i, error);
      break;
    }
    extras.push_back(std::move(copy));
  }
}

std::vector<PluginInstance*> PluginRuntime::connections(std::string_view name) const {
  std::vector<PluginInstance*> out;
  auto* first = instance(name);
  if (first == nullptr) return out;
  out.push_back(first);
  if (const auto extras = extra_connections_.find(name); extras != extra_connections_.end()) {
    for (const auto& copy : extras->second) out.push_back(copy.get());
  }
  return out;
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
