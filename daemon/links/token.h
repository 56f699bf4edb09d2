// Signed links: a token that names what it grants (purpose + subject) and until when, signed
// with one of the school's link keys. Token = base64url(payload) "." base64url(HMAC-SHA256(key,
// payload)), payload = compact JSON {"v":1,"k":<key id>,"p":<purpose>,"s":<subject>,"e":<expiry,
// unix seconds>}; a feed token has no "e" (it never expires). Keys rotate by id: a token names
// the key that signed it, so old tokens stay valid after a new key is added.
#pragma once

#include "core/clock.h"
#include "store/link_key_store.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lobsync::links {

inline constexpr std::string_view kBooking = "booking";  // subject: "<meeting id>/<participant key>"
inline constexpr std::string_view kFeed = "feed";        // subject: the mentor's staff key
// subject: "<record id>/<participant key>", made and read with booking_subject()/parse_booking_subject()
inline constexpr std::string_view kRecord = "record";
inline constexpr std::string_view kAssignment = "assignment";    // subject: "<meeting id>/<participant key>"
inline constexpr std::string_view kRecordForm = "record-form";   // subject: the meeting id
inline constexpr std::string_view kStudent = "student";          // subject: the student's roster key
// An adult student's choice whether the parents are invited; subject made and read with
// links/adult_choice_link.h ("<school year>/<type>/<student key>").
inline constexpr std::string_view kAdultChoice = "adult-choice";

// Why a token was refused: for logs and tests only. Pages say "invalid or expired", nothing more.
enum class Failure { none, malformed, unknown_key, bad_signature, wrong_purpose, expired };
const char* failure_name(Failure failure);

struct Claims {
  std::int64_t key_id = 0;
  std::string purpose;
  std::string subject;
  std::optional<std::int64_t> expires;  // unix seconds; nullopt: never
};

struct Verification {
  Failure failure = Failure::none;
  Claims claims;  // filled only when ok()
  bool ok() const { return failure == Failure::none; }
};

// The secret of a key id, or nullopt for a key the store does not know.
using SecretLookup = std::function<std::optional<std::string>(std::int64_t key_id)>;

std::string sign(const store::LinkKey& key, std::string_view purpose, std::string_view subject,
                 std::optional<Instant> expires);

// Checks, in this order: shape, key known, signature (constant time), purpose, expiry (a token is
// expired from its expiry second on).
Verification verify(std::string_view token, std::string_view expected_purpose, const SecretLookup& secret_of, Instant now);

std::string booking_subject(std::string_view meeting_id, std::string_view participant_key);
// {meeting id, participant key}; nullopt when the subject has no '/' or an empty part.
std::optional<std::pair<std::string, std::string>> parse_booking_subject(std::string_view subject);

}  // namespace lobsync::links
