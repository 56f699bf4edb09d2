// GET /api/v3/appointments on a school's Zermelo portal through the host's HTTP client: the query
// Zermelo documents (user or teachers, start/end in Unix seconds, valid, cancelled, fields), the
// token in a header or the query, and what an HTTP outcome means for the whole busy.read.
#pragma once

#include "settings.hpp"

#include <lobsync/dates.hpp>

#include <string>
#include <vector>

namespace zermelo {

struct Query {
  std::vector<std::string> codes;  // one: user=CODE; more: teachers=A,B,…
  lobsync::sdk::UtcSeconds start;
  lobsync::sdk::UtcSeconds end;
};

struct Reply {
  int status = 0;
  std::string body;
  std::string detail;  // "HTTP 404: <the envelope's message>", the token redacted
};

class PortalClient {
 public:
  // `token` is the resolved secret; it is only ever sent, never put into a message.
  PortalClient(const lobsync::sdk::Host& host, const Settings& settings, std::string token)
      : host_(host), settings_(settings), token_(std::move(token)) {}

  // The answer of one query. Throws lobsync::sdk::Error where the answer concerns every teacher:
  // 401 → AUTH (the token is refused), 403 → PERMANENT (the token may not read other users'
  // appointments), no answer, 408, 429 or 5xx after the host's retries → UNAVAILABLE. Other
  // statuses are returned for the caller to pin on the teachers asked about.
  Reply appointments(const Query& query) const;

  // "user abc, 2026-10-19T00:00:00Z to 2026-11-16T00:00:00Z", for messages (no URL, no token).
  static std::string describe(const Query& query);

  // `text` with the token replaced by "[token]": for anything quoted from an answer.
  std::string redacted(std::string text) const;

 private:
  std::string url(const Query& query) const;

  const lobsync::sdk::Host& host_;
  const Settings& settings_;
  std::string token_;
};

}  // namespace zermelo
