// What every plugin that talks to a vendor's HTTP API needs about its answers: which statuses
// are worth trying again (the host's http_request retries them with backoff and Retry-After),
// and vendor text quoted into a message safely.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace lobsync::sdk {

// For http_request's "retry_on": a timeout, throttling and the server errors.
inline const nlohmann::json& transient_statuses() {
  static const nlohmann::json statuses = nlohmann::json::array({408, 429, 500, 502, 503, 504});
  return statuses;
}

// The last answer after the host's retries: nothing (0), a timeout, throttling or a server error.
inline bool is_transient(int status) { return status == 0 || status == 408 || status == 429 || status >= 500; }

// Vendor text for a message: at most `max` bytes, cut before a character and never inside one
// (an emitted message must stay valid UTF-8), on one line (a message quoted into a log must not
// start another line).
inline std::string quote_vendor_text(std::string text, std::size_t max = 300) {
  if (text.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut) + "…";
  }
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text;
}

}  // namespace lobsync::sdk
