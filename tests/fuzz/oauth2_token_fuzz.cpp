// OAuth 2.0 token endpoint answers as the SDK reads them (plugins/sdk/lobsync/oauth2_response.hpp:
// parse_token_response and describe_token_error), for every plugin that signs in with OAuth.
//
// Input: the first byte picks the HTTP status (200, 400, 401, 429 or 503 by byte % 5); the rest
// is the body as the token endpoint sent it.
//
// Invariants: nothing throws; an accepted answer has a non-empty token and a lifetime from 1 s to
// 366 days; a refusal always says something, in at most one clipped quote of the server's words
// plus a fixed hint, without control characters (it goes into a log line); a refusal is never
// a 200 with a usable token.
#include "fuzz_support.hpp"

#include <lobsync/oauth2_response.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr int kStatuses[] = {200, 400, 401, 429, 503};
  const int status = kStatuses[data[0] % 5];
  const std::string_view body = fuzz::as_text(data + 1, size - 1);

  const auto answer = lobsync::sdk::oauth2::parse_token_response(status, body);
  if (answer.ok) {
    fuzz::check(status == 200, "a token accepted from a refusal");
    fuzz::check(!answer.access_token.empty(), "an empty token accepted");
    fuzz::check(answer.expires_in >= 1 && answer.expires_in <= 366LL * 24 * 3600, "a lifetime out of range");
  } else {
    fuzz::check(!answer.error.empty(), "a refusal that says nothing");
  }
  for (const std::string& line : {answer.error, lobsync::sdk::oauth2::describe_token_error(body)}) {
    // 300 bytes of quote, the ellipsis, the longest hint and its parentheses.
    fuzz::check(line.size() <= 300 + 3 + 120, "a refusal too long for a message", line);
    for (unsigned char c : line) fuzz::check(c >= 0x20 && c != 0x7f, "a control character in a message", line);
  }
  return 0;
}
