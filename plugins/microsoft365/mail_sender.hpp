// mail.send through Graph's sendMail with the host's finished MIME message (base64, Content-Type
// text/plain: Graph's MIME variant), so invitations stay the bytes the host built.
//
// Graph's sendMail has no idempotency key and answers 202 before the message is delivered. What
// the plugin does about a repeat: a key it already sent in this process is not sent again; and,
// with check_sent_items (default), before every send it looks in the mailbox's Sent Items for
// the message's Message-ID (the host's Message-ID is stable per outbox item) and reports a copy
// found there as a duplicate instead of sending again. Sent Items is filled asynchronously, so a
// repeat within moments of a lost answer can still send twice (see the README).
#pragma once

#include "graph_client.hpp"

#include <set>
#include <string>

namespace microsoft365 {

class MailSender {
 public:
  MailSender(GraphClient& graph, const Settings& settings) : graph_(graph), settings_(settings) {}

  void send(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  bool in_sent_items(const std::string& message_id);

  GraphClient& graph_;
  const Settings& settings_;
  std::set<std::string> sent_keys_;
};

}  // namespace microsoft365
