#include "app/services.h"

#include "app/job_catalog.h"
#include "core/log.h"
#include "core/time_zone.h"
#include "jobs/local_time.h"

#include <stdexcept>

namespace lobsync::app {

Services::Services(const config::Config& config, const Clock& clock)
    : config_(config),
      clock_(clock),
      zone_(find_time_zone(config.timezone)),
      store_(store::open_store(config.store, clock)),
      http_(net::HttpClientSettings{}),
      host_services_(clock_, http_),
      plugins_(std::make_unique<plugin_host::PluginRuntime>(config_, host_services_)),
      dispatcher_(std::make_unique<outbox::Dispatcher>(
          store_->outbox(), *plugins_, clock_, config_.outbox,
          outbox::AdminNotice{config_.admin, config_.school_name, config_.timezone})),
      dispatch_loop_(std::make_unique<outbox::DispatchLoop>(
          *dispatcher_, std::chrono::duration_cast<std::chrono::milliseconds>(config_.outbox.poll_interval))),
      scheduler_(std::make_unique<jobs::Scheduler>(*store_, clock_, zone_)) {
  for (const auto& job : config_.jobs) {
    if (!job.enabled) continue;
    auto fn = job_function(job.name, *this);
    if (!fn) {
      skipped_jobs_.push_back(job.name + ": not available in lobsync " LOBSYNC_VERSION);
      log::warn("job {} is configured but not available in this version; it will not run", job.name);
      continue;
    }
    scheduler_->add(job.name, *jobs::parse_time_of_day(job.at), job.catch_up_within, std::move(*fn));
  }
}

Services::~Services() {
  // Jobs and the dispatch loop use the plugins and the store: stop them first.
  if (dispatch_loop_) dispatch_loop_->stop();
  if (scheduler_) scheduler_->stop();
}

}  // namespace lobsync::app
