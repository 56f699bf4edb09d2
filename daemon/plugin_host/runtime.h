// The plugins of one running configuration: the catalog of loaded modules and the configured
// instances created from them. An instance that fails to start is reported, not fatal.
#pragma once

#include "config/config.h"
#include "plugin_host/catalog.h"
#include "plugin_host/host_services.h"
#include "plugin_host/instance.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::plugin_host {

struct InstanceState {
  std::string instance;
  std::string plugin;
  bool enabled = true;
  bool running = false;
  std::string error;  // why it is not running
};

class PluginRuntime {
 public:
  PluginRuntime(const config::Config& config, const HostServices& services);

  const PluginCatalog& catalog() const { return catalog_; }
  PluginInstance* instance(std::string_view name) const;
  // The copies of a running instance the dispatcher sends through side by side (its setting
  // `connections`), the instance itself first; empty when it is not running. Each copy is an
  // instance of its own with its own connection, and takes one call at a time.
  std::vector<PluginInstance*> connections(std::string_view name) const;
  std::vector<PluginInstance*> instances_with(Capability capability) const;
  const std::vector<InstanceState>& states() const { return states_; }
  // True when every enabled instance is running.
  bool all_running() const;

 private:
  void add_connections(const LoadedPlugin& plugin, const config::PluginInstanceSettings& settings,
                       const HostServices& services);

  PluginCatalog catalog_;
  std::vector<std::unique_ptr<PluginInstance>> instances_;
  std::map<std::string, std::vector<std::unique_ptr<PluginInstance>>, std::less<>> extra_connections_;
  std::vector<InstanceState> states_;
};

}  // namespace lobsync::plugin_host
