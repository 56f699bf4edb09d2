// Everything one configuration runs on: the store, the plugins, the outbox dispatcher and the
// job scheduler. A config
// reload builds a new Services next to the old one and swaps them, so a bad new config never
// disturbs the running one.
#pragma once

#include "config/config.h"
#include "core/clock.h"
#include "jobs/scheduler.h"
#include "net/http_client.h"
#include "outbox/dispatch_loop.h"
#include "outbox/dispatcher.h"
#include "plugin_host/host_services.h"
#include "plugin_host/runtime.h"
#include "store/school_model.h"
#include "store/store.h"

#include <memory>

namespace date {
class time_zone;
}

namespace lobsync::app {

class Services {
 public:
  // Opens the store, loads the plugins, starts their instances and registers the configured
  // jobs (the scheduler and the dispatch loop are not started yet). Throws std::runtime_error
  // with a readable reason on failure.
  Services(const config::Config& config, const Clock& clock);
  ~Services();

  const config::Config& config() const { return config_; }
  store::Store& store() { return *store_; }
  plugin_host::PluginRuntime& plugins() { return *plugins_; }
  jobs::Scheduler& scheduler() { return *scheduler_; }
  outbox::Dispatcher& dispatcher() { return *dispatcher_; }
  // `serve` starts it; anyone who queued work can wake() it.
  outbox::DispatchLoop& dispatch_loop() { return *dispatch_loop_; }
  const Clock& clock() const { return clock_; }
  // The school's time zone (config.timezone), looked up once.
  const date::time_zone* zone() const { return zone_; }
  // The school as the roster holds it now; built again only after the roster changed, so a page
  // or an API call reads one revision number instead of the whole roster.
  std::shared_ptr<const domain::School> school() {
    return school_cache_.get(store_->roster(), config_.guardian_organisations);
  }

  // Jobs configured but not available in this build, with the reason, for reports.
  const std::vector<std::string>& skipped_jobs() const { return skipped_jobs_; }

 private:
  config::Config config_;
  const Clock& clock_;
  const date::time_zone* zone_;
  std::unique_ptr<store::Store> store_;
  store::SchoolCache school_cache_;
  net::HttpClient http_;
  plugin_host::HostServices host_services_;
  std::unique_ptr<plugin_host::PluginRuntime> plugins_;
  std::unique_ptr<outbox::Dispatcher> dispatcher_;
  std::unique_ptr<outbox::DispatchLoop> dispatch_loop_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
  std::vector<std::string> skipped_jobs_;
};

}  // namespace lobsync::app
