// What an SMTP transaction means for its recipient, and what a whole mail.send comes to.
//
// Per recipient: sent (2xx after DATA), rejected (5xx: permanent), deferred (4xx, or no answer).
// Some failures hit every later recipient the same way (the server cannot be reached, TLS fails,
// AUTH is refused): those stop the call, and the recipients not tried count as deferred.
// The call's status, most urgent first: AUTH refused → LOBSYNC_E_AUTH; TLS or connection
// failure, or any recipient deferred → LOBSYNC_E_UNAVAILABLE (retry later); any recipient
// rejected → LOBSYNC_E_PERMANENT, also when others were sent; all sent → OK.
#pragma once

#include "transport.hpp"

#include <lobsync/plugin_abi.h>

#include <optional>
#include <string>

namespace smtp {

enum class Delivery { sent, rejected, deferred };
enum class Stop { none, connection, tls, auth };

struct Verdict {
  Delivery delivery = Delivery::sent;
  Stop stop = Stop::none;
};

Verdict classify(const Attempt& attempt);
const char* delivery_name(Delivery delivery);

// Collects the verdicts of one call and turns them into its status and message.
class Outcome {
 public:
  // `server` is "host:port", for messages.
  explicit Outcome(std::string server) : server_(std::move(server)) {}

  void add(const Verdict& verdict, const Attempt& attempt);
  void add_not_tried() { ++deferred_; }
  void add_duplicate() { ++sent_; }
  bool stopped() const { return stop_ != Stop::none; }

  lobsync_status status() const;
  std::string message() const;  // empty when all were sent

 private:
  std::string server_;
  int sent_ = 0;
  int rejected_ = 0;
  int deferred_ = 0;
  Attempt last_rejected_;
  Attempt last_deferred_;
  Stop stop_ = Stop::none;
  Attempt stop_attempt_;
};

}  // namespace smtp
