#include "serve/daemon.h"

#include "app/services.h"
#include "app/status.h"
#include "config/load.h"
#include "core/log.h"
#include "core/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "plugin_host/settings_check.h"
#include "selfservice/routes.h"

#include <csignal>
#include <memory>
#include <mutex>

#include <pthread.h>

namespace lobsync::serve {

using app::Services;
namespace {

sigset_t daemon_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

bool same_http(const config::HttpSettings& a, const config::HttpSettings& b) {
  return a.enabled == b.enabled && a.address == b.address && a.port == b.port && a.read_timeout == b.read_timeout &&
         a.body_limit_bytes == b.body_limit_bytes && a.threads == b.threads && a.shutdown_grace == b.shutdown_grace;
}

class Daemon {
 public:
  Daemon(const config::Config& config, const Clock& clock)
      : clock_(clock), services_(std::make_shared<Services>(config, clock)) {
    register_routes();
  }

  int run() {
    // This process owns the scheduled jobs now: whatever a previous one left running died with it.
    services_->store().mark_interrupted_runs(clock_.now());
    audit(*services_, "start", {{"version", LOBSYNC_VERSION}});
    publish_metrics(*services_);
    const auto& http_settings = services_->config().http;
    if (http_settings.enabled) {
      server_ = std::make_unique<http::Server>(http_settings, router_);
      server_->start();
      log::info("listening on http://{}:{}", http_settings.address, server_->port());
    }
    services_->scheduler().start();
    services_->dispatch_loop().start();
    log::info("lobsync {} serving with config {}", LOBSYNC_VERSION, services_->config().source.string());

    const sigset_t set = daemon_signals();
    for (;;) {
      int signal = 0;
      if (sigwait(&set, &signal) != 0) continue;
      if (signal == SIGHUP) {
        reload();
        continue;
      }
      log::info("received {}, shutting down", signal == SIGTERM ? "SIGTERM" : "SIGINT");
      break;
    }
    // Stop taking requests first, then let running jobs and deliveries finish, then release
    // plugins and store.
    if (server_) server_->stop();
    current()->dispatch_loop().stop();
    current()->scheduler().stop();
    audit(*current(), "stop", nlohmann::json::object());
    log::info("stopped cleanly");
    return 0;
  }

 private:
  // The audit trail records what the daemon itself did; a failing audit write must not stop it.
  void audit(Services& services, std::string_view action, const nlohmann::json& detail) {
    try {
      services.store().audit("daemon", action, services.config().source.string(), detail, clock_.now());
    } catch (const std::exception& e) {
      log::error("audit entry {} not written: {}", action, e.what());
    }
  }

  std::shared_ptr<Services> current() const {
    std::lock_guard lock(mutex_);
    return services_;
  }

  void reload() {
    auto& m = metrics::global();
    m.describe("lobsync_config_reloads_total", "Config reloads on SIGHUP, by result", metrics::Type::counter);
    const auto path = current()->config().source;
    log::info("SIGHUP: reloading config {}", path.string());
    auto loaded = config::load_file(path);
    if (loaded.config) {
      auto problems = plugin_host::check_plugin_settings(*loaded.config, plugin_host::PluginCatalog::scan(loaded.config->plugin_dirs));
      loaded.problems.insert(loaded.problems.end(), problems.begin(), problems.end());
    }
    if (!loaded.problems.empty()) {
      for (const auto& p : loaded.problems) log::error("new config rejected: {}: {}", p.path.empty() ? "/" : p.path, p.message);
      log::error("keeping the running config");
      m.inc("lobsync_config_reloads_total", {{"result", "rejected"}});
      audit(*current(), "config.reload.rejected", {{"problems", loaded.problems.size()}});
      return;
    }
    for (const auto& w : loaded.warnings) log::warn("config: {}: {}", w.path, w.message);
    std::shared_ptr<Services> next;
    try {
      next = std::make_shared<Services>(*loaded.config, clock_);
    } catch (const std::exception& e) {
      log::error("new config rejected: {}; keeping the running config", e.what());
      m.inc("lobsync_config_reloads_total", {{"result", "rejected"}});
      return;
    }
    if (!same_http(next->config().http, current()->config().http)) {
      log::warn("changed http settings take effect at the next restart");
    }
    // The old scheduler and dispatch loop stop (finishing the job or item in hand) before the
    // new ones start, so no job runs twice across the swap and each channel keeps one worker.
    current()->dispatch_loop().stop();
    current()->scheduler().stop();
    {
      std::lock_guard lock(mutex_);
      services_ = next;
    }
    next->scheduler().start();
    next->dispatch_loop().start();
    publish_metrics(*next);
    m.inc("lobsync_config_reloads_total", {{"result", "applied"}});
    audit(*next, "config.reload.applied", nlohmann::json::object());
    log::info("config reloaded");
  }

  void register_routes() {
    router_.add("GET", "/healthz", [](const http::Request&) {
      return http::Response::json(200, {{"status", "ok"}});
    });
    router_.add("GET", "/readyz", [this](const http::Request&) {
      auto r = readiness(*current());
      return http::Response::json(r.ready ? 200 : 503, r.detail);
    });
    router_.add("GET", "/metrics", [this](const http::Request&) {
      publish_metrics(*current());
      return http::Response::text(200, metrics::global().render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    selfservice::add_routes(router_, [this] { return current(); });
  }

  const Clock& clock_;
  mutable std::mutex mutex_;
  std::shared_ptr<Services> services_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

}  // namespace

void block_daemon_signals() {
  const sigset_t set = daemon_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int serve(const config::Config& config, const Clock& clock) {
  try {
    Daemon daemon(config, clock);
    return daemon.run();
  } catch (const std::exception& e) {
    log::error("cannot start: {}", e.what());
    return 1;
  }
}

}  // namespace lobsync::serve
