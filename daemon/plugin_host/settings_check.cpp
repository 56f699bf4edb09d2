#include "plugin_host/settings_check.h"

#include "config/json_pointer.h"
#include "config/secrets.h"

#include <functional>

namespace lobsync::plugin_host {
namespace {

// Walks the settings and reports every secret reference that does not resolve.
void check_secrets(const nlohmann::json& value, const std::string& path, std::vector<config::Problem>& out) {
  if (config::is_secret_reference(value)) {
    auto result = config::resolve_secret(value);
    if (!result.value) out.push_back({path, "secret cannot be resolved: " + result.error});
    return;
  }
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) check_secrets(child, config::pointer(path, key), out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_secrets(value[i], path + "/" + std::to_string(i), out);
  }
}

int collect_problem(void* user, const char* data, size_t size) {
  auto* problems = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_object()) {
    problems->emplace_back(doc.value("path", ""), doc.value("message", "invalid setting"));
  } else {
    problems->emplace_back("", std::string(data, size));
  }
  return 0;
}

}  // namespace

std::vector<config::Problem> check_plugin_settings(const config::Config& config, const PluginCatalog& catalog) {
  std::vector<config::Problem> problems;
  for (const auto& instance : config.plugins) {
    const std::string base = config::pointer("/plugins", instance.instance);
    const auto* plugin = catalog.find(instance.plugin);
    if (plugin == nullptr) {
      std::string known;
      for (const auto& p : catalog.loaded()) known += (known.empty() ? "" : ", ") + p.info.name;
      problems.push_back({base + "/plugin", "unknown plugin '" + instance.plugin + "' (loaded plugins: " +
                                                (known.empty() ? "none" : known) + ")"});
      continue;
    }
    check_secrets(instance.settings, base, problems);
    if (plugin->descriptor.validate_config == nullptr) continue;
    std::vector<std::pair<std::string, std::string>> found;
    const std::string text = instance.settings.dump();
    lobsync_status status = LOBSYNC_E_INTERNAL;
    try {
      status = plugin->descriptor.validate_config(text.data(), text.size(), &collect_problem, &found);
    } catch (...) {
    }
    if (status != LOBSYNC_OK) {
      problems.push_back({base, "plugin " + instance.plugin + " could not check its settings"});
    }
    for (auto& [path, message] : found) problems.push_back({base + path, std::move(message)});
  }
  if (config.admin.configured()) {
    for (const auto& instance : config.plugins) {
      const auto* plugin = catalog.find(instance.plugin);
      if (instance.instance == config.admin.mailer && plugin != nullptr &&
          (plugin->info.capabilities & LOBSYNC_CAP_MAILER) == 0) {
        problems.push_back({"/admin/mailer", "instance " + instance.instance + " (" + instance.plugin + ") cannot send mail"});
      }
    }
  }
  return problems;
}

}  // namespace lobsync::plugin_host
