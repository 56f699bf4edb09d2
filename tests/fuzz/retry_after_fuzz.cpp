// Retry-After as servers send it (daemon/net/retry_after.cpp, RFC 9110 10.2.3): delay-seconds or
// an IMF-fixdate. The input is the header value.
//
// Invariants: a wait is never negative; delay-seconds saturate at 2^40 seconds instead of
// overflowing, and are read only from digits; a date is read only in its fixed 29-character form
// (after trimming), so no wait is longer than until the year 9999.
#include "fuzz_support.hpp"

#include "net/http_client.h"

#include <algorithm>
#include <cctype>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value = fuzz::as_text(data, size);
  const auto now = lobsync::instant_from_unix_ms(1'790'000'000'000);
  const auto wait = lobsync::net::parse_retry_after(value, now);
  if (!wait) return 0;
  fuzz::check(*wait >= std::chrono::milliseconds(0), "a wait is never negative");

  std::string_view trimmed = value;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
  const bool digits = std::all_of(trimmed.begin(), trimmed.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (digits) {
    fuzz::check(*wait <= std::chrono::seconds(std::int64_t{1} << 40), "delay-seconds saturate");
  } else {
    fuzz::check(trimmed.size() == 29 && trimmed.ends_with(" GMT"), "a date is read only as an IMF-fixdate");
    const auto last = std::chrono::sys_days(std::chrono::year(9999) / 12 / 31) + std::chrono::hours(24);
    fuzz::check(*wait <= last - now, "no wait beyond the year 9999");
  }
  return 0;
}
