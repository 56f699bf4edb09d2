// A mail.send request as the host's outbox queues it, with a small iMIP invitation for its
// message, for the tests of the mailer plugins; and standard base64 decoded, as the fakes of
// mail APIs keep what they were sent.
#pragma once

#include "links/base64url.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lobsync::test {

inline const std::string kTestInvitation =
    "From: LOB-planner <lob-planner@school.test>\r\n"
    "To: mentor.a@school.test\r\n"
    "Cc: Ouder <ouder@example.test>\r\n"
    "Subject: =?UTF-8?Q?Uitnodiging_LOB-gesprek?=\r\n"
    "Message-ID: <inv-0001@school.test>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
    "\r\n"
    "--b1\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "\r\n"
    "Beste ouder, één gesprek?\r\n"
    "--b1\r\n"
    "Content-Type: text/calendar; charset=UTF-8; method=REQUEST\r\n"
    "\r\n"
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:m-1@school.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    "--b1--\r\n";

inline nlohmann::json mail_send_request(const std::string& key = "outbox-1", const std::string& message = kTestInvitation) {
  return {{"idempotency_key", key},
          {"from", "lob-planner@school.test"},
          {"recipients", {"mentor.a@school.test", "ouder@example.test"}},
          {"message", message}};
}

// Standard base64 (with padding) decoded through the links code's base64url decoder.
inline std::string base64_decoded(const nlohmann::json& b64) {
  std::string url;
  for (char c : b64.get<std::string>()) {
    if (c == '+') url += '-';
    else if (c == '/') url += '_';
    else if (c != '=' && c != '\r' && c != '\n') url += c;
  }
  return links::base64url_decode(url).value_or("(not base64)");
}

}  // namespace lobsync::test
