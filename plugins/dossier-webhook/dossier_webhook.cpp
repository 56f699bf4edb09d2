// dossier-webhook: a dossier sink that POSTs each final conversation record, signed with
// HMAC-SHA256, to a school's integration platform (or any receiver that follows the README).
// Magister and Somtoday publish no API to write a dossier; a webhook is where such an endpoint
// would plug in.
#include "outcome.hpp"
#include "settings.hpp"
#include "signature.hpp"

#include <lobsync/dossier_record.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class DossierWebhook final : public lobsync::sdk::Plugin {
 public:
  DossierWebhook(lobsync::sdk::Host& host, const json& settings)
      : host_(host), settings_(dossier_webhook::parse_settings(settings)), secret_(host.secret(settings_.secret)) {}

  static const lobsync::sdk::settings::Declaration& settings() { return dossier_webhook::declared_settings(); }

  // dossier.push → {"duplicate": bool, "status": <HTTP status>}
  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "dossier.push") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    const auto push = lobsync::sdk::dossier::check_push_request(request);
    const std::string body = push.record->dump();
    // Signed now, not when queued: a retry days later must not look like a replay.
    const std::int64_t timestamp = host_.now_unix_ms() / 1000;
    const json headers = {{"Content-Type", "application/json"},
                          {"Idempotency-Key", push.idempotency_key},
                          {"X-Lobsync-Timestamp", std::to_string(timestamp)},
                          {"X-Lobsync-Signature", dossier_webhook::signature(secret_, timestamp, body)}};
    // The host retries 408, 429 and 5xx within this call; the key makes a repeat harmless.
    const json request_options = {{"method", "POST"},
                                  {"url", settings_.url},
                                  {"headers", headers},
                                  {"timeout_ms", settings_.timeout_seconds * 1000},
                                  {"max_attempts", settings_.max_attempts}};
    out.emit(dossier_webhook::judge(host_.http(request_options, body)));
  }

  // No network: a health check every few seconds must not post to the school's platform.
  json health() override { return {{"ok", true}, {"host", settings_.host()}, {"probe", "none"}}; }

 private:
  lobsync::sdk::Host& host_;
  dossier_webhook::Settings settings_;
  std::string secret_;  // the host refuses an empty one
};

}  // namespace

LOBSYNC_PLUGIN(DossierWebhook, "dossier-webhook", "1.0.0",
               "POSTs each final conversation record, signed with HMAC-SHA256, to a webhook",
               LOBSYNC_CAP_DOSSIER_SINK)
