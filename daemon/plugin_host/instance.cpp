#include "plugin_host/instance.h"

#include "core/log.h"
#include "plugin_host/capabilities.h"

#include <ostream>

namespace lobsync::plugin_host {
namespace {

struct EmitTarget {
  const std::function<bool(std::string_view)>* on_document;
};

int emit_to_host(void* user, const char* data, size_t size) {
  try {
    auto* target = static_cast<EmitTarget*>(user);
    return (*target->on_document)(std::string_view(data, size)) ? 0 : 1;
  } catch (...) {
    return 1;  // a failing consumer stops the producer rather than unwinding through it
  }
}

// The ABI's status in the host's terms; a value no ABI version defines is the plugin's bug.
CallStatus from_abi(lobsync_status status) {
  switch (status) {
    case LOBSYNC_OK: return CallStatus::ok;
    case LOBSYNC_E_INVALID_ARGUMENT: return CallStatus::invalid_argument;
    case LOBSYNC_E_CONFIG: return CallStatus::config;
    case LOBSYNC_E_UNAVAILABLE: return CallStatus::unavailable;
    case LOBSYNC_E_PERMANENT: return CallStatus::permanent;
    case LOBSYNC_E_AUTH: return CallStatus::auth;
    case LOBSYNC_E_NOT_SUPPORTED: return CallStatus::not_supported;
    case LOBSYNC_E_ABORTED: return CallStatus::aborted;
    case LOBSYNC_E_INTERNAL: return CallStatus::internal;
  }
  return CallStatus::internal;
}

}  // namespace

const char* status_name(CallStatus status) {
  switch (status) {
    case CallStatus::ok: return "ok";
    case CallStatus::invalid_argument: return "invalid argument";
    case CallStatus::config: return "configuration error";
    case CallStatus::unavailable: return "temporarily unavailable";
    case CallStatus::permanent: return "permanent failure";
    case CallStatus::auth: return "authentication failed";
    case CallStatus::not_supported: return "not supported";
    case CallStatus::aborted: return "aborted";
    case CallStatus::internal: return "internal plugin error";
  }
  return "unknown status";
}

std::ostream& operator<<(std::ostream& out, CallStatus status) { return out << status_name(status); }

PluginInstance::PluginInstance(const LoadedPlugin& plugin, std::unique_ptr<lobsync_host_ctx> context)
    : plugin_(plugin), context_(std::move(context)) {}

std::unique_ptr<PluginInstance> PluginInstance::create(const LoadedPlugin& plugin, const std::string& instance,
                                                       const nlohmann::json& settings,
                                                       const HostServices& services, std::string& error) {
  std::unique_ptr<PluginInstance> self(new PluginInstance(plugin, services.make_context(instance)));
  const std::string text = settings.dump();
  lobsync_instance* handle = nullptr;
  lobsync_status status = LOBSYNC_E_INTERNAL;
  try {
    status = plugin.descriptor.create(HostServices::api(), self->context_.get(), text.data(), text.size(), &handle);
  } catch (...) {
    HostServices::take_error(*self->context_);
    error = "create threw an exception across the plugin boundary";
    return nullptr;
  }
  if (status != LOBSYNC_OK || handle == nullptr) {
    const auto why = HostServices::take_error(*self->context_);
    error = std::string(status_name(from_abi(status))) + (why.empty() ? "" : ": " + why);
    if (handle != nullptr) plugin.descriptor.destroy(handle);
    return nullptr;
  }
  self->handle_ = handle;
  return self;
}

PluginInstance::~PluginInstance() {
  if (handle_ != nullptr) {
    try {
      plugin_.descriptor.destroy(handle_);
    } catch (...) {
      log::error("plugin instance {} threw while being destroyed", name());
    }
  }
}

CallResult PluginInstance::finish(lobsync_status abi_status) {
  CallResult result{from_abi(abi_status), HostServices::take_error(*context_)};
  if (!result.ok() && result.error.empty()) result.error = status_name(result.status);
  return result;
}

CallResult PluginInstance::call(std::string_view operation, const nlohmann::json& request,
                                const std::function<bool(std::string_view)>& on_document) {
  if (!operation_allowed(plugin_.info.capabilities, operation)) {
    return {CallStatus::not_supported, "plugin " + plugin_.info.name + " has no capability for operation " +
                                         std::string(operation)};
  }
  std::lock_guard lock(call_mutex_);
  const std::string op(operation);
  const std::string text = request.dump();
  EmitTarget target{&on_document};
  try {
    return finish(plugin_.descriptor.call(handle_, op.c_str(), text.data(), text.size(), &emit_to_host, &target));
  } catch (...) {
    HostServices::take_error(*context_);
    return {CallStatus::internal, "operation " + op + " threw an exception across the plugin boundary"};
  }
}

CallResult PluginInstance::health(nlohmann::json& out) {
  out = {{"ok", true}};
  if (plugin_.descriptor.health == nullptr) return {};
  std::lock_guard lock(call_mutex_);
  std::function<bool(std::string_view)> keep = [&out](std::string_view doc) {
    auto parsed = nlohmann::json::parse(doc, nullptr, false);
    if (!parsed.is_discarded()) out = std::move(parsed);
    return true;
  };
  EmitTarget target{&keep};
  try {
    auto result = finish(plugin_.descriptor.health(handle_, &emit_to_host, &target));
    if (!result.ok()) out = {{"ok", false}, {"error", result.error}};
    return result;
  } catch (...) {
    out = {{"ok", false}, {"error", "health threw an exception"}};
    return {CallStatus::internal, "health threw an exception across the plugin boundary"};
  }
}

}  // namespace lobsync::plugin_host
