#include "app/job_catalog.h"

#include "app/services.h"
#include "app/remind.h"
#include "outbox/dispatch_report.h"
#include "app/plan_run.h"
#include "records/dossier_push.h"
#include "app/roster_sync.h"
#include "sync/sync_summary.h"

namespace lobsync::app {

std::vector<std::string> pipeline_order() { return {"sync", "plan", "remind", "dossier", "dispatch"}; }

std::optional<jobs::JobFn> job_function(std::string_view name, Services& services) {
  if (name == "sync") {
    return [&services](const jobs::JobContext&) {
      const auto results = app::sync_sources(services, {}, {});
      jobs::JobOutcome outcome;
      outcome.ok = sync::exit_code(results) == 0;
      for (const auto& r : results) {
        outcome.detail += (outcome.detail.empty() ? "" : "; ") + r.source + ": " + r.status + " (run " + std::to_string(r.run_id) + ")";
      }
      if (results.empty()) outcome.detail = "no roster sources configured";
      return outcome;
    };
  }
  if (name == "dispatch") {
    return [&services](const jobs::JobContext&) {
      const auto result = services.dispatcher().run_once();
      services.dispatcher().forget_old_messages();
      return jobs::JobOutcome{result.failed == 0, outbox::counts_line(result)};
    };
  }
  if (name == "plan") {
    return [&services](const jobs::JobContext&) {
      jobs::JobOutcome outcome;
      const auto report = app::run_plan(services, {});
      if (report.effects > 0) services.dispatch_loop().wake();  // invitations go out now, not at the next poll
      outcome.ok = true;
      outcome.detail = app::summary(report);
      if (!outcome.detail.empty() && outcome.detail.back() == '\n') outcome.detail.pop_back();
      return outcome;
    };
  }
  if (name == "dossier") {
    return [&services](const jobs::JobContext&) {
      const auto report = records::push_final_records(services.store(), services.config(), services.clock().now(), false);
      if (report.queued > 0) services.dispatch_loop().wake();
      return jobs::JobOutcome{report.rejected == 0, records::summary(report)};
    };
  }
  if (name == "remind") {
    return [&services](const jobs::JobContext&) {
      const auto report = app::run_remind(services.config(), services.store(), services.clock().now(), {});
      if (report.digests > report.held_for_quiet_hours) services.dispatch_loop().wake();
      return jobs::JobOutcome{true, notices::summary(report)};
    };
  }
  return std::nullopt;
}

}  // namespace lobsync::app
