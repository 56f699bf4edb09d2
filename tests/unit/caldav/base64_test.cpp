// The SDK's base64 and Basic Authorization helpers (RFC 4648 test vectors, RFC 7617 example).
#include <lobsync/base64.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::base64_test {
namespace {

TEST(Base64, Rfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, HighBytesAndUtf8) {
  EXPECT_EQ(base64_encode(std::string("\xFF\xFE\x00\x80", 4)), "//4AgA==");
  EXPECT_EQ(base64_encode("Zoë"), "Wm/Dqw==");
}

TEST(Base64, BasicAuthorization) {
  EXPECT_EQ(basic_authorization("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  // A colon in the password is fine; only the user name may not hold one.
  EXPECT_EQ(basic_authorization("lobsync", "a:b"), "Basic " + base64_encode("lobsync:a:b"));
}

}  // namespace
}  // namespace lobsync::sdk::base64_test
