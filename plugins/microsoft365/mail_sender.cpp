#include "mail_sender.hpp"

#include <lobsync/base64.hpp>
#include <lobsync/mail_request.hpp>
#include <lobsync/mime_headers.hpp>
#include <lobsync/url.hpp>

namespace microsoft365 {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

}  // namespace

bool MailSender::in_sent_items(const std::string& message_id) {
  // OData string literal: a single quote is doubled.
  std::string literal;
  for (char c : message_id) literal += c == '\'' ? std::string("''") : std::string(1, c);
  std::string next = lobsync::sdk::with_query("/users/" + lobsync::sdk::url_encode(settings_.mailbox) +
                                                  "/mailFolders/SentItems/messages",
                                              "$filter", "internetMessageId eq '" + literal + "'");
  next = lobsync::sdk::with_query(next, "$select", "id,internetMessageId");
  const std::string what = "the Sent Items search of mailbox " + settings_.mailbox;
  for (int page = 0; !next.empty() && page < 20; ++page) {
    const auto response = graph_.call("GET", next, "", "");
    if (response.status != 200) graph_.fail(response, what, "Mail.ReadBasic.All", settings_.mailbox);
    const json doc = json::parse(response.body, nullptr, false);
    if (!doc.is_object()) throw Error(LOBSYNC_E_UNAVAILABLE, what + " answered with something that is not JSON");
    if (auto value = doc.find("value"); value != doc.end() && value->is_array()) {
      for (const auto& item : *value) {
        if (!item.is_object()) continue;
        const auto id = item.find("internetMessageId");
        if (id != item.end() && id->is_string() && *id == message_id) return true;
      }
    }
    next.clear();
    if (auto link = doc.find("@odata.nextLink"); link != doc.end() && link->is_string()) next = link->get<std::string>();
  }
  return false;
}

void MailSender::send(const json& request, lobsync::sdk::Emitter& out) {
  const auto mail = lobsync::sdk::parse_header_addressed_mail(request, "Graph");
  const std::string& key = mail.idempotency_key;
  const std::string& message = mail.message;
  const std::vector<std::string>& to = mail.recipients;
  auto emit_all = [&](bool duplicate) {
    for (const auto& r : to) {
      json doc{{"recipient", r}, {"status", "sent"}, {"code", 202}};
      if (duplicate) doc["duplicate"] = true;
      out.emit(doc);
    }
  };
  if (sent_keys_.contains(key)) return emit_all(true);
  const std::string message_id = lobsync::sdk::mime::message_id_of(message);
  if (settings_.check_sent_items && !message_id.empty() && in_sent_items(message_id)) {
    sent_keys_.insert(key);
    return emit_all(true);
  }
  const auto response = graph_.call("POST", "/users/" + lobsync::sdk::url_encode(settings_.mailbox) + "/sendMail",
                                    "text/plain", lobsync::sdk::base64_encode(message), false);
  if (response.status != 202) {
    graph_.fail(response, "sendMail for mailbox " + settings_.mailbox, "Mail.Send", settings_.mailbox);
  }
  sent_keys_.insert(key);
  emit_all(false);
}

}  // namespace microsoft365
