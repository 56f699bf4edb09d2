// Header-only C++ SDK over the lobsync plugin ABI (plugin_abi.h).
//
// A plugin is one class plus one macro:
//
//   class Folder final : public lobsync::sdk::Plugin {
//    public:
//     Folder(lobsync::sdk::Host& host, const nlohmann::json& settings);  // settings::parse(…)
//     static const lobsync::sdk::settings::Declaration& settings();      // see settings.hpp
//     void call(std::string_view op, const nlohmann::json& request,
//               lobsync::sdk::Emitter& out) override;
//   };
//   LOBSYNC_PLUGIN(Folder, "mail-folder", "1.0.0", "Writes messages to a folder",
//                  LOBSYNC_CAP_MAILER)
//
// The SDK turns exceptions into status codes at the boundary: throw lobsync::sdk::Error with a
// status to choose the code, anything else becomes LOBSYNC_E_INTERNAL. nlohmann::json stays
// inside the plugin; only JSON text crosses.
#pragma once

#include <lobsync/plugin_abi.h>
#include <lobsync/problems.hpp>
#include <lobsync/settings.hpp>

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lobsync::sdk {

struct HttpResponse {
  int status = 0;  // 0: no response; see error
  nlohmann::json headers = nlohmann::json::object();
  std::string body;
  std::string error;
};

// The host services, bound to this instance.
class Host {
 public:
  Host(const lobsync_host_api* api, lobsync_host_ctx* ctx) : api_(api), ctx_(ctx) {}

  void log(lobsync_log_level level, std::string_view message) const {
    api_->log(ctx_, level, message.data(), message.size());
  }
  void debug(std::string_view m) const { log(LOBSYNC_LOG_DEBUG, m); }
  void info(std::string_view m) const { log(LOBSYNC_LOG_INFO, m); }
  void warn(std::string_view m) const { log(LOBSYNC_LOG_WARN, m); }
  void error(std::string_view m) const { log(LOBSYNC_LOG_ERROR, m); }

  std::int64_t now_unix_ms() const { return api_->now_unix_ms(ctx_); }

  // Resolves a secret reference ({"env":…} or {"file":…}); throws Error when it cannot.
  std::string secret(const nlohmann::json& reference) const {
    const std::string ref = reference.dump();
    std::string value;
    auto status = api_->secret(
        ctx_, ref.data(), ref.size(),
        [](void* user, const char* data, std::size_t size) {
          static_cast<std::string*>(user)->assign(data, size);
          return 0;
        },
        &value);
    if (status != LOBSYNC_OK) throw Error(status, "secret could not be resolved");
    return value;
  }

  // One HTTP exchange through the host's client (TLS verified, retries as requested).
  HttpResponse http(const nlohmann::json& request, std::string_view body = {}) const {
    const std::string req = request.dump();
    HttpResponse result;
    auto status = api_->http_request(
        ctx_, req.data(), req.size(), body.data(), body.size(),
        [](void* user, const lobsync_http_response* r) {
          auto* out = static_cast<HttpResponse*>(user);
          out->status = r->status;
          if (r->headers_json != nullptr && r->headers_size > 0) {
            out->headers = nlohmann::json::parse(r->headers_json, r->headers_json + r->headers_size,
                                                 nullptr, false);
          }
          if (r->body != nullptr) out->body.assign(r->body, r->body_size);
          if (r->error != nullptr) out->error = r->error;
        },
        &result);
    // Never quote the request: its URL may carry credentials (some SIS APIs take them there).
    if (status != LOBSYNC_OK) throw Error(status, "the host refused the HTTP request (method, URL or headers invalid)");
    return result;
  }

  void set_error(std::string_view message) const {
    api_->set_error(ctx_, message.data(), message.size());
  }

  const lobsync_host_api* api() const noexcept { return api_; }
  lobsync_host_ctx* ctx() const noexcept { return ctx_; }

 private:
  const lobsync_host_api* api_;
  lobsync_host_ctx* ctx_;
};

// Hands result documents back to the host, one emit per document.
class Emitter {
 public:
  Emitter(lobsync_emit_fn fn, void* user) : fn_(fn), user_(user) {}
  void emit(const nlohmann::json& document) {
    const std::string text = document.dump();
    if (fn_ == nullptr) return;
    if (fn_(user_, text.data(), text.size()) != 0) {
      throw Error(LOBSYNC_E_ABORTED, "the host stopped the operation");
    }
  }

 private:
  lobsync_emit_fn fn_;
  void* user_;
};

// Base class of every C++ plugin instance.
class Plugin {
 public:
  virtual ~Plugin() = default;
  // Runs one operation; throw Error(LOBSYNC_E_NOT_SUPPORTED, …) for unknown ones.
  virtual void call(std::string_view operation, const nlohmann::json& request, Emitter& out) = 0;
  virtual nlohmann::json health() { return {{"ok", true}}; }
  // Checks settings without side effects. Plugins hide this with their own static validate, or
  // declare their settings instead (settings.hpp), which then decides.
  static void validate(const nlohmann::json& /*settings*/, Problems& /*problems*/) {}
};

namespace detail {

// Runs `body` and turns any exception into a status plus an error message for the host.
template <class Body>
lobsync_status guarded(const lobsync_host_api* api, lobsync_host_ctx* ctx, Body&& body) noexcept {
  auto report = [&](const char* message) {
    if (api != nullptr && ctx != nullptr) {
      api->set_error(ctx, message, std::char_traits<char>::length(message));
    }
  };
  try {
    body();
    return LOBSYNC_OK;
  } catch (const Error& e) {
    report(e.what());
    return e.status();
  } catch (const nlohmann::json::exception& e) {
    report(e.what());
    return LOBSYNC_E_INVALID_ARGUMENT;
  } catch (const std::exception& e) {
    report(e.what());
    return LOBSYNC_E_INTERNAL;
  } catch (...) {
    report("unknown exception inside the plugin");
    return LOBSYNC_E_INTERNAL;
  }
}

inline nlohmann::json parse_document(const char* data, std::size_t size, const char* what) {
  if (data == nullptr || size == 0) return nlohmann::json::object();
  auto doc = nlohmann::json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, std::string(what) + " is not JSON");
  return doc;
}

}  // namespace detail
}  // namespace lobsync::sdk

// The instance the host holds: the plugin object and its host binding. Defined once per module.
struct lobsync_instance {
  lobsync::sdk::Host host;
  std::unique_ptr<lobsync::sdk::Plugin> plugin;
};

namespace lobsync::sdk::detail {

// A plugin class declares its settings with `static const settings::Declaration& settings();`.
template <class P>
concept declares_settings = requires {
  { P::settings() } -> std::convertible_to<const settings::Declaration&>;
};

template <class P>
struct Adapter {
  static lobsync_status validate_config(const char* settings, std::size_t size, lobsync_emit_fn problem,
                                        void* user) {
    return guarded(nullptr, nullptr, [&] {
      Problems problems;
      auto doc = nlohmann::json::parse(settings, settings + size, nullptr, false);
      if (doc.is_discarded() || !doc.is_object()) {
        problems.add("", "settings must be a JSON object");
      } else if constexpr (declares_settings<P>) {
        settings::check(P::settings(), doc, problems);
      } else {
        P::validate(doc, problems);
      }
      for (const auto& p : problems.items()) {
        const std::string text = nlohmann::json{{"path", p.path}, {"message", p.message}}.dump();
        if (problem(user, text.data(), text.size()) != 0) break;
      }
    });
  }

  static lobsync_status create(const lobsync_host_api* host, lobsync_host_ctx* ctx,
                               const char* settings, std::size_t size, lobsync_instance** out) {
    *out = nullptr;
    return guarded(host, ctx, [&] {
      auto doc = parse_document(settings, size, "settings");
      auto instance = std::make_unique<lobsync_instance>(lobsync_instance{Host(host, ctx), nullptr});
      instance->plugin = std::make_unique<P>(instance->host, doc);
      *out = instance.release();
    });
  }

  static void destroy(lobsync_instance* instance) noexcept {
    try {
      delete instance;
    } catch (...) {
      // A destructor that throws must not take the daemon down.
    }
  }

  static lobsync_status call(lobsync_instance* instance, const char* operation, const char* request,
                             std::size_t size, lobsync_emit_fn emit, void* user) {
    if (instance == nullptr) return LOBSYNC_E_INVALID_ARGUMENT;
    const Host& host = instance->host;
    return guarded(host.api(), host.ctx(), [&] {
      auto doc = parse_document(request, size, "request");
      Emitter out(emit, user);
      instance->plugin->call(operation == nullptr ? "" : operation, doc, out);
    });
  }

  static lobsync_status health(lobsync_instance* instance, lobsync_emit_fn emit, void* user) {
    if (instance == nullptr) return LOBSYNC_E_INVALID_ARGUMENT;
    const Host& host = instance->host;
    return guarded(host.api(), host.ctx(), [&] {
      Emitter out(emit, user);
      out.emit(instance->plugin->health());
    });
  }

  static const lobsync_plugin_descriptor* descriptor(const char* name, const char* version,
                                                     const char* description,
                                                     std::uint32_t capabilities) {
    static const std::string settings_text = declared_settings_json();
    static const lobsync_plugin_descriptor d = {
        sizeof(lobsync_plugin_descriptor), LOBSYNC_ABI_MAJOR, LOBSYNC_ABI_MINOR, name, version,
        description, capabilities, &validate_config, &create, &destroy, &call, &health,
        settings_text.empty() ? nullptr : settings_text.c_str()};
    return &d;
  }

  // The declaration as JSON text for the descriptor; "" for a plugin that declares none.
  static std::string declared_settings_json() {
    if constexpr (declares_settings<P>) {
      return settings::to_json(P::settings().settings).dump();
    } else {
      return {};
    }
  }
};

}  // namespace lobsync::sdk::detail

// Defines the module's entry symbol for plugin class `Class`. Use once per plugin module.
#define LOBSYNC_PLUGIN(Class, name, version, description, capabilities)                       \
  extern "C" LOBSYNC_EXPORT const lobsync_plugin_descriptor* LOBSYNC_PLUGIN_ENTRY_V1(          \
      std::uint32_t host_abi_major, std::uint32_t /*host_abi_minor*/) {                        \
    if (host_abi_major != LOBSYNC_ABI_MAJOR) return nullptr;                                  \
    return ::lobsync::sdk::detail::Adapter<Class>::descriptor(name, version, description,     \
                                                              capabilities);                  \
  }
