#include "mail_sender.hpp"

#include <lobsync/base64.hpp>
#include <lobsync/url.hpp>

#include <algorithm>
#include <cctype>

namespace microsoft365 {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

Error bad(const std::string& field, const std::string& why) {
  return Error(LOBSYNC_E_INVALID_ARGUMENT, "mail.send: /" + field + ": " + why);
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string header_block(const std::string& message) {
  auto end = message.find("\r\n\r\n");
  if (end == std::string::npos) end = message.find("\n\n");
  return message.substr(0, end);
}

}  // namespace

std::string header_block_lower(const std::string& message) {
  std::string block = header_block(message), out;
  for (std::size_t i = 0; i < block.size(); ++i) {
    // Folded lines (CRLF + white space) continue the header before them.
    if ((block[i] == '\r' || block[i] == '\n') && i + 1 < block.size()) {
      std::size_t j = i + (block[i] == '\r' && block[i + 1] == '\n' ? 2 : 1);
      if (j < block.size() && (block[j] == ' ' || block[j] == '\t')) {
        out += ' ';
        i = j;
        continue;
      }
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(block[i])));
  }
  return out;
}

std::string message_id_of(const std::string& message) {
  const std::string block = header_block(message);
  const std::string low = lower(block);
  for (std::size_t at = 0; at < low.size();) {
    const auto end = std::min(low.find('\n', at), low.size());
    if (low.compare(at, 11, "message-id:") == 0) {
      std::string value = block.substr(at + 11, end - at - 11);
      value = value.substr(0, value.find('\r'));  // a bare CR ends the line as well
      const auto first = value.find_first_not_of(" \t");
      const auto last = value.find_last_not_of(" \t\r");
      return first == std::string::npos ? "" : value.substr(first, last - first + 1);
    }
    at = end + 1;
  }
  return {};
}

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
  if (!request.is_object()) throw bad("", "the request must be an object");
  auto text = [&](const char* key) {
    const auto it = request.find(key);
    if (it == request.end() || !it->is_string() || it->get<std::string>().empty()) throw bad(key, "must be a non-empty string");
    return it->get<std::string>();
  };
  const std::string key = text("idempotency_key");
  text("from");
  const std::string message = text("message");
  const auto recipients = request.find("recipients");
  if (recipients == request.end() || !recipients->is_array() || recipients->empty()) {
    throw bad("recipients", "must be a non-empty list");
  }
  // Graph's MIME sendMail takes the recipients from the message's To/Cc/Bcc headers, not from an
  // envelope: an envelope recipient the headers do not name would silently get nothing.
  const std::string headers = header_block_lower(message);
  std::vector<std::string> to;
  for (std::size_t i = 0; i < recipients->size(); ++i) {
    const auto& r = (*recipients)[i];
    if (!r.is_string() || r.get<std::string>().empty()) throw bad("recipients/" + std::to_string(i), "must be an address");
    if (headers.find(lower(r.get<std::string>())) == std::string::npos) {
      throw bad("recipients/" + std::to_string(i),
                "not named in the message's To, Cc or Bcc header; Graph sends only to those");
    }
    to.push_back(r.get<std::string>());
  }
  auto emit_all = [&](bool duplicate) {
    for (const auto& r : to) {
      json doc{{"recipient", r}, {"status", "sent"}, {"code", 202}};
      if (duplicate) doc["duplicate"] = true;
      out.emit(doc);
    }
  };
  if (sent_keys_.contains(key)) return emit_all(true);
  const std::string message_id = message_id_of(message);
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
