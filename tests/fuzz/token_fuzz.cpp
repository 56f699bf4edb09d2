// Signed link tokens (daemon/links): verify() on the token of a parent's or mentor's link, and
// base64url. A fuzzer cannot forge an HMAC, so half the inputs are signed here with a known key
// to reach the checks behind the signature (payload shape, purpose, expiry).
//
// Input: the first byte picks the mode: even, the rest is a token as it arrives in a URL; odd,
// the rest is a payload this target signs, followed by the purpose expected after the last '\n'.
//
// Invariants: a token verifies only with a key the lookup knows, for the purpose asked, before
// it expires; its claims, signed again, verify to the same claims; base64url decoding refuses
// every text that encoding does not produce (each byte string has one spelling) and undoes it;
// a booking subject and an adult student's choice subject that split join back to themselves.
#include "fuzz_support.hpp"

#include "links/adult_choice_link.h"
#include "links/base64url.h"
#include "links/token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace {

using namespace lobsync;
using namespace lobsync::links;

const Instant kNow = instant_from_unix_ms(1'800'000'000'000);
const store::LinkKey kKeys[] = {{3, std::string(32, '\x5a'), kNow}, {7, "a shorter, older key", kNow}};

std::optional<std::string> secret_of(std::int64_t id) {
  for (const auto& key : kKeys) {
    if (key.id == id) return key.secret;
  }
  return std::nullopt;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), out, &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

void check_base64url(std::string_view text) {
  const std::string encoded = base64url_encode(text);
  fuzz::check(encoded.find_first_of("+/=") == std::string::npos, "base64url uses the URL alphabet without padding");
  const auto decoded = base64url_decode(encoded);
  fuzz::check(decoded && *decoded == text, "base64url decoding undoes encoding");
  if (const auto bytes = base64url_decode(text)) {
    fuzz::check(base64url_encode(*bytes) == text, "base64url accepts only the one spelling of each byte string");
  }
}

void check_verification(const Verification& v, std::string_view purpose) {
  if (!v.ok()) {
    fuzz::check(v.claims.purpose.empty() && v.claims.subject.empty(), "a refused token yields no claims");
    return;
  }
  fuzz::check(secret_of(v.claims.key_id).has_value(), "a token verifies only with a known key");
  fuzz::check(v.claims.purpose == purpose, "a token verifies only for its purpose");
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(kNow.time_since_epoch()).count();
  fuzz::check(!v.claims.expires || *v.claims.expires > now_s, "a token verifies only before it expires");

  // Signed again (expiries a link could carry: until the year 9999), the claims come back.
  if (v.claims.expires && *v.claims.expires > 253'402'300'799) return;
  const store::LinkKey key{v.claims.key_id, *secret_of(v.claims.key_id), kNow};
  std::optional<Instant> expires;
  if (v.claims.expires) expires = Instant(std::chrono::seconds(*v.claims.expires));
  const auto again = verify(sign(key, v.claims.purpose, v.claims.subject, expires), purpose, secret_of, kNow);
  fuzz::check(again.ok() && again.claims.key_id == v.claims.key_id && again.claims.subject == v.claims.subject &&
                  again.claims.expires == v.claims.expires,
              "claims signed again verify to the same claims");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = fuzz::as_text(data + 1, size - 1);
  check_base64url(rest);

  if (data[0] % 2 == 0) {
    for (std::string_view purpose : {kBooking, kFeed, kRecord, kAdultChoice}) check_verification(verify(rest, purpose, secret_of, kNow), purpose);
  } else {
    const std::size_t newline = rest.rfind('\n');
    const std::string_view payload = rest.substr(0, newline);
    const std::string_view purpose = newline == std::string_view::npos ? kBooking : rest.substr(newline + 1);
    const auto& key = kKeys[data[0] / 2 % 2];
    const std::string token = base64url_encode(payload) + "." + base64url_encode(hmac_sha256(key.secret, payload));
    check_verification(verify(token, purpose, secret_of, kNow), purpose);
  }

  if (const auto parts = parse_booking_subject(rest)) {
    fuzz::check(!parts->first.empty() && !parts->second.empty(), "a booking subject has both parts");
    fuzz::check(booking_subject(parts->first, parts->second) == rest, "a booking subject joins back to itself");
  }
  if (const auto parts = parse_adult_choice_subject(rest)) {
    fuzz::check(!parts->school_year.empty() && !parts->type.empty() && !parts->student.empty(),
                "an adult choice subject has all three parts");
    fuzz::check(parts->school_year.find('/') == std::string::npos && parts->type.find('/') == std::string::npos,
                "the year and the type hold no '/'");
    fuzz::check(adult_choice_subject(*parts) == rest, "an adult choice subject joins back to itself");
  }
  return 0;
}
