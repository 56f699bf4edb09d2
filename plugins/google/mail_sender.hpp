// mail.send through the Gmail API's users.messages.send as the LOB mailbox, with the host's
// finished MIME message: as base64url `raw` in JSON up to kRawLimitBytes, larger through the
// media upload endpoint (uploadType=media, message/rfc822) up to kUploadLimitBytes.
//
// Gmail has no idempotency key. What the plugin does about a repeat: a key it already sent in
// this process is not sent again; and, with check_sent_messages (default), before every send it
// searches the mailbox for the message's Message-ID (users.messages.list, q=rfc822msgid:…; the
// host's Message-ID is stable per outbox item) and reports a copy found as a duplicate instead of
// sending again. A send is never retried blindly within one call: only 429 (refused before any
// work) is retried by the host; a 5xx or a lost answer fails the call, and the outbox's next
// attempt searches first. The search index may lag a moment behind a send, so a repeat within
// moments of a lost answer can still send twice (see the README).
#pragma once

#include "google_client.hpp"

#include <set>
#include <string>

namespace google {

inline constexpr std::size_t kRawLimitBytes = 5 * 1024 * 1024;
inline constexpr std::size_t kUploadLimitBytes = 35 * 1024 * 1024;

class MailSender {
 public:
  explicit MailSender(GoogleClient& google) : google_(google) {}

  void send(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  bool already_in_mailbox(const std::string& message_id);

  GoogleClient& google_;
  std::set<std::string> sent_keys_;
};

// The Gmail message id of a users.messages.send answer, or empty when the answer has none.
std::string sent_message_id(const std::string& body);

// Whether a users.messages.list answer lists at least one message.
bool lists_a_message(const std::string& body);

}  // namespace google
