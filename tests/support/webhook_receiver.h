// Starts tests/fakes/webhook/webhook_receiver.py (a signature-checking webhook receiver on the
// standard library's http.server) on a free loopback port and reads back what it accepted. The
// receiver and its folder go away with the object, also when the test fails.
#pragma once

#include "support/process.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace lobsync::test {

struct WebhookReceiverOptions {
  std::string secret = "webhook-test-secret";  // handed over in the environment, not argv
  int fail_first = 0;      // the first N requests get 503, before any check
  int answer_status = 0;   // when set, every request gets this status (e.g. 401) and is not stored
  int max_age_seconds = 300;  // older (or newer) timestamps are refused as replays with 401
};

// One accepted delivery.
struct WebhookDelivery {
  int n = 0;  // order of acceptance, from 1
  std::string idempotency_key;
  std::int64_t timestamp = 0;  // X-Lobsync-Timestamp, Unix seconds
  nlohmann::json body;         // the POSTed document, parsed
};

class WebhookReceiver {
 public:
  explicit WebhookReceiver(WebhookReceiverOptions options = {});
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>" + path
  std::string url(const std::string& path = "/dossier") const;

  std::vector<WebhookDelivery> deliveries() const;  // sorted by acceptance
  int duplicates_refused() const;                   // requests answered 409
  // How often each key came again after it was stored (answered 409 but counted, not hidden).
  std::map<std::string, int> repeats() const;
  int requests() const;                             // every POST, whatever the answer
  std::vector<std::string> rejections() const;      // why requests were refused (401, 400, …)
  // Everything the receiver knows, for failure messages.
  std::string describe() const;

 private:
  nlohmann::json stats() const;

  ScratchDir out_;  // declared before process_: the receiver stops before its folder goes
  Process process_;
  int port_ = 0;
};

}  // namespace lobsync::test
