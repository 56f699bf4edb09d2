#include "mail_sender.hpp"

#include <lobsync/mail_request.hpp>
#include <lobsync/mime_headers.hpp>
#include <lobsync/oauth2_jwt.hpp>
#include <lobsync/url.hpp>

namespace google {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

}  // namespace

std::string sent_message_id(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const auto id = doc.find("id");
  return id != doc.end() && id->is_string() ? lobsync::sdk::quote_vendor_text(id->get<std::string>(), 200) : std::string();
}

bool lists_a_message(const std::string& body) {
  const json doc = json::parse(body, nullptr, false);
  if (!doc.is_object()) return false;
  const auto messages = doc.find("messages");
  if (messages == doc.end() || !messages->is_array()) return false;
  for (const auto& m : *messages) {
    if (m.is_object() && m.contains("id") && m["id"].is_string() && !m["id"].get<std::string>().empty()) return true;
  }
  return false;
}

bool MailSender::already_in_mailbox(const std::string& message_id) {
  const Settings& settings = google_.settings();
  std::string url = settings.gmail_url + "/gmail/v1/users/" + lobsync::sdk::url_encode(settings.mailbox) + "/messages";
  url = lobsync::sdk::with_query(url, "q", "rfc822msgid:" + message_id);
  url = lobsync::sdk::with_query(url, "includeSpamTrash", "true");  // a sent copy moved to the bin still counts
  url = lobsync::sdk::with_query(url, "maxResults", "1");
  const auto response = google_.call("GET", url, "", "", kReadMailScope, settings.mailbox);
  if (response.status != 200) {
    google_.fail(response, "the search for an earlier copy in mailbox " + settings.mailbox, kReadMailScope, settings.mailbox);
  }
  const json doc = json::parse(response.body, nullptr, false);
  if (!doc.is_object()) throw Error(LOBSYNC_E_UNAVAILABLE, "Gmail's message search answered with something that is not JSON");
  return lists_a_message(response.body);
}

void MailSender::send(const json& request, lobsync::sdk::Emitter& out) {
  const auto mail = lobsync::sdk::parse_header_addressed_mail(request, "Gmail");
  const Settings& settings = google_.settings();
  if (mail.message.size() > kUploadLimitBytes) {
    throw Error(LOBSYNC_E_PERMANENT, "mail.send: the message is " + std::to_string(mail.message.size() / (1024 * 1024)) +
                                         " MB; Gmail takes at most 35 MB");
  }
  auto emit_all = [&](bool duplicate, const std::string& gmail_id) {
    for (const auto& r : mail.recipients) {
      json doc{{"recipient", r}, {"status", "sent"}, {"code", 200}};
      if (!gmail_id.empty()) doc["gmail_id"] = gmail_id;
      if (duplicate) doc["duplicate"] = true;
      out.emit(doc);
    }
  };
  if (sent_keys_.contains(mail.idempotency_key)) return emit_all(true, "");
  const std::string message_id = lobsync::sdk::mime::message_id_of(mail.message);
  if (settings.check_sent_messages && !message_id.empty() && already_in_mailbox(message_id)) {
    sent_keys_.insert(mail.idempotency_key);
    return emit_all(true, "");
  }
  const std::string user = lobsync::sdk::url_encode(settings.mailbox);
  lobsync::sdk::HttpResponse response;
  if (mail.message.size() <= kRawLimitBytes) {
    const json body{{"raw", lobsync::sdk::jwt::base64url_encode(mail.message)}};
    response = google_.call("POST", settings.gmail_url + "/gmail/v1/users/" + user + "/messages/send", "application/json",
                            body.dump(), kSendScope, settings.mailbox, false);
  } else {
    response = google_.call("POST", settings.gmail_url + "/upload/gmail/v1/users/" + user + "/messages/send?uploadType=media",
                            "message/rfc822", mail.message, kSendScope, settings.mailbox, false);
  }
  if (response.status != 200) google_.fail(response, "messages.send for mailbox " + settings.mailbox, kSendScope, settings.mailbox);
  sent_keys_.insert(mail.idempotency_key);
  emit_all(false, sent_message_id(response.body));
}

}  // namespace google
