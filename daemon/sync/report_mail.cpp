#include "sync/report_mail.h"

#include "core/log.h"
#include "messaging/mime.h"
#include "plugin_host/runtime.h"
#include "sync/sync_summary.h"

namespace lobsync::sync {

std::string report_message(const SyncResult& result, const config::Config& config, Instant now) {
  if (!config.admin.configured() || (result.status != "held" && result.status != "failed")) return {};
  messaging::TextMessage m;
  m.from = {config.admin.from, "lobsync"};
  for (const auto& e : config.admin.emails) m.to.push_back({e, ""});
  const std::string school = config.school_name.empty() ? "" : " (" + config.school_name + ")";
  m.subject = "lobsync: roster sync " + result.status + " for " + result.source + school;
  m.body = "The roster sync of source " + result.source + " was " + result.status + ".\n\n" + summary(result) +
           "\nNothing of this run was applied to the roster. Details: lobsync status; to apply a held run as it "
           "was read: lobsync sync --approve " +
           std::to_string(result.run_id) + "\n";
  m.message_id_left = "sync-report." + std::to_string(result.run_id) + "." + std::to_string(unix_ms(now));
  m.date = now;
  return messaging::build_text_message(m);
}

bool send_report(const SyncResult& result, const config::Config& config, plugin_host::PluginRuntime& plugins, Instant now) {
  std::string message;
  try {
    message = report_message(result, config, now);
  } catch (const messaging::MessageError& e) {
    log::error("sync report for run {} not built: {}", result.run_id, e.what());
    return false;
  }
  if (message.empty()) return true;
  auto* mailer = plugins.instance(config.admin.mailer);
  if (mailer == nullptr) {
    log::error("sync report for run {} not sent: mailer instance {} is not running", result.run_id, config.admin.mailer);
    return false;
  }
  const nlohmann::json request{{"idempotency_key", "sync-report/" + result.source + "/" + std::to_string(result.run_id)},
                               {"from", config.admin.from},
                               {"recipients", config.admin.emails},
                               {"message", message}};
  const auto sent = mailer->call("mail.send", request, [](std::string_view) { return true; });
  if (!sent.ok()) {
    log::error("sync report for run {} not sent: {}", result.run_id, sent.error);
    return false;
  }
  log::info("sync report for run {} sent to the administrators", result.run_id);
  return true;
}

}  // namespace lobsync::sync
