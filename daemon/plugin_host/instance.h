// One configured plugin instance: its own settings, host context and serialised calls.
#pragma once

#include "plugin_host/call_status.h"
#include "plugin_host/capabilities.h"
#include "plugin_host/catalog.h"
#include "plugin_host/host_services.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace lobsync::plugin_host {

struct CallResult {
  CallStatus status = CallStatus::ok;
  std::string error;
  bool ok() const { return status == CallStatus::ok; }
};

class PluginInstance {
 public:
  // Creates the instance; on failure returns null with `error` saying why (the plugin's words).
  static std::unique_ptr<PluginInstance> create(const LoadedPlugin& plugin, const std::string& instance,
                                                const nlohmann::json& settings,
                                                const HostServices& services, std::string& error);
  ~PluginInstance();
  PluginInstance(const PluginInstance&) = delete;
  PluginInstance& operator=(const PluginInstance&) = delete;

  const std::string& name() const { return context_->instance; }
  const PluginInfo& plugin() const { return plugin_.info; }
  bool has(Capability capability) const { return (plugin_.info.capabilities & bit_of(capability)) != 0; }

  // Runs one operation. `on_document` receives each emitted JSON text; return false to stop.
  // Operations outside the plugin's capabilities are refused before reaching it.
  CallResult call(std::string_view operation, const nlohmann::json& request,
                  const std::function<bool(std::string_view)>& on_document);
  // Health as the plugin reports it; plugins without a health hook are healthy when created.
  CallResult health(nlohmann::json& out);

 private:
  PluginInstance(const LoadedPlugin& plugin, std::unique_ptr<lobsync_host_ctx> context);
  CallResult finish(lobsync_status abi_status);

  LoadedPlugin plugin_;  // holds the library open while the instance lives
  std::unique_ptr<lobsync_host_ctx> context_;
  lobsync_instance* handle_ = nullptr;
  std::mutex call_mutex_;  // the ABI promises plugins no concurrent calls per instance
};

}  // namespace lobsync::plugin_host
