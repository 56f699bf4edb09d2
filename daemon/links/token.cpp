#include "links/token.h"

#include "links/base64url.h"

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <stdexcept>

namespace lobsync::links {
namespace {

// Longer tokens are refused before any decoding: a link carries a few short fields.
constexpr std::size_t kMaxTokenLength = 1024;

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
           data.size(), out.data(), &length) == nullptr)
    throw std::runtime_error("HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

std::optional<Claims> read_payload(std::string_view payload) {
  const auto doc = nlohmann::json::parse(payload, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  const auto v = doc.find("v"), k = doc.find("k"), p = doc.find("p"), s = doc.find("s"), e = doc.find("e");
  if (v == doc.end() || !v->is_number_integer() || v->get<std::int64_t>() != 1) return std::nullopt;
  if (k == doc.end() || !k->is_number_integer() || p == doc.end() || !p->is_string() || s == doc.end() ||
      !s->is_string())
    return std::nullopt;
  Claims c;
  c.key_id = k->get<std::int64_t>();
  c.purpose = p->get<std::string>();
  c.subject = s->get<std::string>();
  if (e != doc.end()) {
    if (!e->is_number_integer()) return std::nullopt;
    c.expires = e->get<std::int64_t>();
  }
  return c;
}

}  // namespace

const char* failure_name(Failure failure) {
  switch (failure) {
    case Failure::none: return "none";
    case Failure::malformed: return "malformed";
    case Failure::unknown_key: return "unknown key";
    case Failure::bad_signature: return "bad signature";
    case Failure::wrong_purpose: return "wrong purpose";
    case Failure::expired: return "expired";
  }
  return "malformed";
}

std::string sign(const store::LinkKey& key, std::string_view purpose, std::string_view subject,
                 std::optional<Instant> expires) {
  nlohmann::ordered_json payload = {{"v", 1}, {"k", key.id}, {"p", purpose}, {"s", subject}};
  if (expires) payload["e"] = std::chrono::duration_cast<std::chrono::seconds>(expires->time_since_epoch()).count();
  const auto text = payload.dump();
  return base64url_encode(text) + "." + base64url_encode(hmac_sha256(key.secret, text));
}

Verification verify(std::string_view token, std::string_view expected_purpose, const SecretLookup& secret_of,
                    Instant now) {
  Verification out;
  const auto dot = token.find('.');
  if (token.size() > kMaxTokenLength || dot == std::string_view::npos) return {Failure::malformed, {}};
  const auto payload = base64url_decode(token.substr(0, dot));
  const auto signature = base64url_decode(token.substr(dot + 1));
  if (!payload || !signature) return {Failure::malformed, {}};
  auto claims = read_payload(*payload);
  if (!claims) return {Failure::malformed, {}};
  const auto secret = secret_of(claims->key_id);
  if (!secret) return {Failure::unknown_key, {}};
  const auto expected = hmac_sha256(*secret, *payload);
  if (signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
    return {Failure::bad_signature, {}};
  if (claims->purpose != expected_purpose) return {Failure::wrong_purpose, {}};
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (claims->expires && now_s >= *claims->expires) return {Failure::expired, {}};
  out.claims = std::move(*claims);
  return out;
}

std::string booking_subject(std::string_view meeting_id, std::string_view participant_key) {
  return std::string(meeting_id) + "/" + std::string(participant_key);
}

std::optional<std::pair<std::string, std::string>> parse_booking_subject(std::string_view subject) {
  const auto slash = subject.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == subject.size()) return std::nullopt;
  return std::pair{std::string(subject.substr(0, slash)), std::string(subject.substr(slash + 1))};
}

}  // namespace lobsync::links
