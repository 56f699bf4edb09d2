// The mail.send request as a mail API plugin reads it, checked one way (fields named in errors):
//
//   {"idempotency_key", "from", "recipients": [...], "message": "<finished RFC 5322 message>"}
//
// Mail APIs that take the finished message (Graph's MIME sendMail, Gmail's messages.send) deliver
// to the addresses in its To/Cc/Bcc headers and have no envelope: an envelope recipient the
// headers do not name would silently get nothing, so such a request is refused.
#pragma once

#include <lobsync/mime_headers.hpp>
#include <lobsync/plugin_sdk.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lobsync::sdk {

struct MailRequest {
  std::string idempotency_key;
  std::string from;
  std::string message;
  std::vector<std::string> recipients;
};

// Throws Error(LOBSYNC_E_INVALID_ARGUMENT) "mail.send: /recipients/1: …". `api` names the
// service in the message about recipients missing from the headers ("Graph", "Gmail").
inline MailRequest parse_header_addressed_mail(const nlohmann::json& request, std::string_view api) {
  auto bad = [](const std::string& field, const std::string& why) {
    return Error(LOBSYNC_E_INVALID_ARGUMENT, "mail.send: /" + field + ": " + why);
  };
  if (!request.is_object()) throw bad("", "the request must be an object");
  auto text = [&](const char* key) {
    const auto it = request.find(key);
    if (it == request.end() || !it->is_string() || it->get<std::string>().empty()) throw bad(key, "must be a non-empty string");
    return it->get<std::string>();
  };
  MailRequest out;
  out.idempotency_key = text("idempotency_key");
  out.from = text("from");
  out.message = text("message");
  const auto recipients = request.find("recipients");
  if (recipients == request.end() || !recipients->is_array() || recipients->empty()) {
    throw bad("recipients", "must be a non-empty list");
  }
  const std::string headers = mime::header_block_lower(out.message);
  for (std::size_t i = 0; i < recipients->size(); ++i) {
    const auto& r = (*recipients)[i];
    if (!r.is_string() || r.get<std::string>().empty()) throw bad("recipients/" + std::to_string(i), "must be an address");
    std::string address = r.get<std::string>();
    for (char& c : address) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (headers.find(address) == std::string::npos) {
      throw bad("recipients/" + std::to_string(i),
                "not named in the message's To, Cc or Bcc header; " + std::string(api) + " sends only to those");
    }
    out.recipients.push_back(r.get<std::string>());
  }
  return out;
}

}  // namespace lobsync::sdk
