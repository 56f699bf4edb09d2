#include "plugin_host/host_services.h"

#include "config/secrets.h"
#include "core/log.h"
#include "net/http_client.h"

#include <nlohmann/json.hpp>

namespace lobsync::plugin_host {
namespace {

log::Level to_level(lobsync_log_level level) {
  switch (level) {
    case LOBSYNC_LOG_TRACE: return log::Level::trace;
    case LOBSYNC_LOG_DEBUG: return log::Level::debug;
    case LOBSYNC_LOG_INFO: return log::Level::info;
    case LOBSYNC_LOG_WARN: return log::Level::warn;
    case LOBSYNC_LOG_ERROR: return log::Level::error;
  }
  return log::Level::info;
}

// Every entry point is noexcept in effect: nothing may unwind into plugin code.
void host_log(lobsync_host_ctx* ctx, lobsync_log_level level, const char* msg, size_t size) {
  try {
    log::write(to_level(level), ctx->logger, std::string_view(msg, size));
  } catch (...) {
  }
}

void host_set_error(lobsync_host_ctx* ctx, const char* msg, size_t size) {
  try {
    std::lock_guard lock(ctx->error_mutex);
    ctx->last_error.assign(msg, size);
  } catch (...) {
  }
}

int64_t host_now(lobsync_host_ctx* ctx) { return unix_ms(ctx->clock->now()); }

lobsync_status host_secret(lobsync_host_ctx* ctx, const char* ref, size_t ref_size, lobsync_emit_fn out,
                           void* user) {
  try {
    auto reference = nlohmann::json::parse(ref, ref + ref_size, nullptr, false);
    auto result = config::resolve_secret(reference);
    if (!result.value) {
      host_set_error(ctx, result.error.data(), result.error.size());
      return LOBSYNC_E_CONFIG;
    }
    out(user, result.value->data(), result.value->size());
    return LOBSYNC_OK;
  } catch (...) {
    return LOBSYNC_E_INTERNAL;
  }
}

lobsync_status host_http(lobsync_host_ctx* ctx, const char* req, size_t req_size, const char* body,
                         size_t body_size, lobsync_http_done_fn done, void* user) {
  try {
    auto doc = nlohmann::json::parse(req, req + req_size, nullptr, false);
    std::string error;
    auto request = net::request_from_json(doc, std::string(body == nullptr ? "" : body, body == nullptr ? 0 : body_size), &error);
    if (!request) {
      host_set_error(ctx, error.data(), error.size());
      return LOBSYNC_E_INVALID_ARGUMENT;
    }
    const auto response = ctx->http->perform(*request);
    const std::string headers = net::headers_to_json(response.headers).dump();
    lobsync_http_response r{};
    r.struct_size = sizeof(r);
    r.status = response.status;
    r.headers_json = headers.data();
    r.headers_size = headers.size();
    r.body = response.body.data();
    r.body_size = response.body.size();
    r.error = response.status == 0 ? response.error.c_str() : nullptr;
    done(user, &r);
    return LOBSYNC_OK;
  } catch (...) {
    return LOBSYNC_E_INTERNAL;
  }
}

const lobsync_host_api kApi = {
    sizeof(lobsync_host_api), LOBSYNC_ABI_MINOR, &host_log, &host_set_error, &host_now, &host_secret, &host_http,
};

}  // namespace

const lobsync_host_api* HostServices::api() { return &kApi; }

std::unique_ptr<lobsync_host_ctx> HostServices::make_context(const std::string& instance) const {
  auto ctx = std::make_unique<lobsync_host_ctx>();
  ctx->instance = instance;
  ctx->logger = "plugin:" + instance;
  ctx->clock = &clock_;
  ctx->http = &http_;
  return ctx;
}

std::string HostServices::take_error(lobsync_host_ctx& ctx) {
  std::lock_guard lock(ctx.error_mutex);
  return std::exchange(ctx.last_error, {});
}

}  // namespace lobsync::plugin_host
