// Signed links: what verify() accepts and, for each way a token can be wrong, that it names why.
#include "links/base64url.h"
#include "links/key_ring.h"
#include "links/token.h"
#include "store/store.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::links::token_test {
namespace {

using namespace std::chrono_literals;

const Instant kNow = instant_from_unix_ms(1'800'000'000'000);
const store::LinkKey kKey{3, std::string(32, '\x5a'), kNow};

SecretLookup only(const store::LinkKey& key) {
  return [key](std::int64_t id) -> std::optional<std::string> {
    if (id == key.id) return key.secret;
    return std::nullopt;
  };
}

std::string payload_of(const std::string& token) { return *base64url_decode(token.substr(0, token.find('.'))); }

TEST(LinkToken, SignedTokenVerifiesWithItsClaims) {
  const auto token = sign(kKey, kBooking, booking_subject("m-1", "school:p1"), kNow + 1h);
  EXPECT_EQ(payload_of(token), R"({"v":1,"k":3,"p":"booking","s":"m-1/school:p1","e":1800003600})");
  const auto v = verify(token, kBooking, only(kKey), kNow);
  ASSERT_TRUE(v.ok()) << failure_name(v.failure);
  EXPECT_EQ(v.claims.key_id, 3);
  EXPECT_EQ(v.claims.subject, "m-1/school:p1");
  EXPECT_EQ(v.claims.expires, 1800003600);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."), std::string::npos);
}

TEST(LinkToken, FeedTokensNeverExpire) {
  const auto token = sign(kKey, kFeed, "school:t2", std::nullopt);
  const auto v = verify(token, kFeed, only(kKey), kNow + 24h * 3650);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v.claims.expires.has_value());
}

TEST(LinkToken, ATamperedPayloadFailsTheSignature) {
  const auto token = sign(kKey, kBooking, "m-1/school:p1", kNow + 1h);
  auto payload = payload_of(token);
  payload.replace(payload.find("p1"), 2, "p2");
  const auto tampered = base64url_encode(payload) + token.substr(token.find('.'));
  EXPECT_EQ(verify(tampered, kBooking, only(kKey), kNow).failure, Failure::bad_signature);
}

TEST(LinkToken, AForgedSignatureFails) {
  const store::LinkKey other{3, std::string(32, '\x11'), kNow};
  const auto forged = sign(other, kBooking, "m-1/school:p1", kNow + 1h);
  EXPECT_EQ(verify(forged, kBooking, only(kKey), kNow).failure, Failure::bad_signature);
  const auto good = sign(kKey, kBooking, "m-1/school:p1", kNow + 1h);
  const auto shorter = good.substr(0, good.find('.') + 1) + base64url_encode(std::string(16, 'x'));
  EXPECT_EQ(verify(shorter, kBooking, only(kKey), kNow).failure, Failure::bad_signature);
}

TEST(LinkToken, ExpiresAtItsExpirySecond) {
  const auto token = sign(kKey, kBooking, "m-1/school:p1", kNow + 1h);
  EXPECT_TRUE(verify(token, kBooking, only(kKey), kNow + 1h - 1ms).ok());
  EXPECT_EQ(verify(token, kBooking, only(kKey), kNow + 1h).failure, Failure::expired);
}

TEST(LinkToken, AWrongPurposeIsRefused) {
  const auto feed = sign(kKey, kFeed, "school:t2", std::nullopt);
  EXPECT_EQ(verify(feed, kBooking, only(kKey), kNow).failure, Failure::wrong_purpose);
  const auto booking = sign(kKey, kBooking, "m-1/school:p1", kNow + 1h);
  EXPECT_EQ(verify(booking, kFeed, only(kKey), kNow).failure, Failure::wrong_purpose);
}

TEST(LinkToken, AnUnknownKeyIdIsRefused) {
  const store::LinkKey gone{99, kKey.secret, kNow};
  EXPECT_EQ(verify(sign(gone, kBooking, "m-1/x", kNow + 1h), kBooking, only(kKey), kNow).failure, Failure::unknown_key);
}

TEST(LinkToken, MalformedTokensAreNamedSo) {
  const auto good = sign(kKey, kBooking, "m-1/x", kNow + 1h);
  const auto sig = good.substr(good.find('.'));
  for (const auto& bad : std::vector<std::string>{std::string(), std::string("."), std::string("abc"), "!!!" + sig,
                                base64url_encode("not json") + sig, base64url_encode("[1,2]") + sig,
                                base64url_encode(R"({"v":2,"k":3,"p":"booking","s":"x"})") + sig,
                                base64url_encode(R"({"v":1,"k":"3","p":"booking","s":"x"})") + sig,
                                base64url_encode(R"({"v":1,"k":3,"p":"booking","s":"x","e":"soon"})") + sig,
                                good + "=", std::string(2000, 'a') + sig}) {
    EXPECT_EQ(verify(bad, kBooking, only(kKey), kNow).failure, Failure::malformed) << bad.substr(0, 40);
  }
}

TEST(LinkToken, BookingSubjectsSplitAtTheFirstSlash) {
  EXPECT_EQ(parse_booking_subject("m-1/school:p1"), (std::pair<std::string, std::string>{"m-1", "school:p1"}));
  EXPECT_EQ(parse_booking_subject("m-1/a/b")->second, "a/b");
  for (const char* bad : {"", "m-1", "/p", "m-1/"}) EXPECT_FALSE(parse_booking_subject(bad).has_value()) << bad;
}

TEST(Base64Url, RoundTripsAndRefusesBrokenText) {
  for (const auto& bytes : std::vector<std::string>{std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                                  std::string("\xff\xfe\x00\x01", 4)})
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  for (const char* bad : {"a", "ab=", "a+b/", "Zh"}) EXPECT_FALSE(base64url_decode(bad).has_value()) << bad;
}

TEST(LinkKeys, RotationKeepsOldLinksValidAndSignsNewOnesWithTheNewKey) {
  test::ScratchDir dir;
  ManualClock clock(kNow);
  auto store = store::open_store({"sqlite", dir / "lobsync.db"}, clock);
  auto& keys = store->link_keys();
  EXPECT_FALSE(keys.newest_link_key().has_value());
  const auto first = current_key(keys, kNow);
  EXPECT_EQ(first.secret.size(), 32u);
  EXPECT_EQ(current_key(keys, kNow).id, first.id) << "created once, then reused";
  const auto old_link = sign(first, kBooking, "m-1/x", kNow + 1h);
  const auto old_feed = sign(first, kFeed, "school:t1", std::nullopt);

  const auto second = rotate_key(keys, kNow);
  EXPECT_NE(second.id, first.id);
  EXPECT_NE(second.secret, first.secret);
  EXPECT_EQ(current_key(keys, kNow).id, second.id);
  EXPECT_TRUE(verify(old_link, kBooking, secret_lookup(keys), kNow).ok());
  EXPECT_TRUE(verify(old_feed, kFeed, secret_lookup(keys), kNow + 24h * 400).ok());
  EXPECT_EQ(verify(old_link, kBooking, secret_lookup(keys), kNow + 2h).failure, Failure::expired);
  const auto new_link = sign(current_key(keys, kNow), kBooking, "m-1/x", kNow + 1h);
  EXPECT_EQ(verify(new_link, kBooking, secret_lookup(keys), kNow).claims.key_id, second.id);

  // The secrets survive a reopen byte for byte.
  store.reset();
  auto reopened = store::open_store({"sqlite", dir / "lobsync.db"}, clock);
  EXPECT_EQ(reopened->link_keys().link_keys().size(), 2u);
  EXPECT_TRUE(verify(old_link, kBooking, secret_lookup(reopened->link_keys()), kNow).ok());
}

}  // namespace
}  // namespace lobsync::links::token_test
