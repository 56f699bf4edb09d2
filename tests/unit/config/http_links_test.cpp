// http.public_url and http.admin_token: what the config accepts and what it says otherwise.
#include "config/load.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace lobsync::config::http_links_test {
namespace {

std::string problems_of(const LoadResult& r) {
  std::string out;
  for (const auto& p : r.problems) out += p.path + ": " + p.message + "\n";
  return out;
}

LoadResult with_http(const std::string& http) { return parse_text(R"({"http":)" + http + "}", "/etc/lobsync/x.json"); }

TEST(HttpLinksConfig, PublicUrlIsHttpsOrLoopbackAndLosesItsTrailingSlash) {
  auto r = with_http(R"({"public_url":"https://lob.school.example/"})");
  ASSERT_TRUE(r.config) << problems_of(r);
  EXPECT_EQ(r.config->http.public_url, "https://lob.school.example");
  EXPECT_EQ(with_http(R"({"public_url":"https://school.example/lob"})").config->http.public_url, "https://school.example/lob");
  EXPECT_TRUE(with_http(R"({"public_url":"http://127.0.0.1:8080"})").config);
  EXPECT_TRUE(with_http(R"({"public_url":"http://localhost:8080"})").config);
  EXPECT_EQ(parse_text("{}", "x.json").config->http.public_url, "");
}

TEST(HttpLinksConfig, BadPublicUrlsAreNamed) {
  for (const char* bad : {R"("http://lob.school.example")", R"("lob.school.example")", R"("https://")",
                          R"("https://lob.school.example/?x=1")", R"("https://lob school.example")",
                          R"("https://user@lob.school.example")", "42"}) {
    const auto r = with_http(std::string(R"({"public_url":)") + bad + "}");
    EXPECT_FALSE(r.config) << bad;
    ASSERT_EQ(r.problems.size(), 1u) << bad;
    EXPECT_EQ(r.problems[0].path, "/http/public_url");
  }
}

TEST(HttpLinksConfig, AdminTokenIsASecretReferenceResolvedAtLoad) {
  test::ScratchDir dir;
  test::write_secret_file(dir / "token", "0123456789abcdef-secret\n");
  auto r = with_http(R"({"admin_token":{"file":")" + (dir / "token").string() + R"("}})");
  ASSERT_TRUE(r.config) << problems_of(r);
  EXPECT_EQ(r.config->http.admin_token, "0123456789abcdef-secret");

  test::write_secret_file(dir / "short", "short\n");
  for (const auto& bad : std::vector<std::string>{std::string(R"("0123456789abcdef-inline")"), std::string(R"({"env":"LOBSYNC_TEST_UNSET_TOKEN"})"),
                                R"({"file":")" + (dir / "missing").string() + R"("})",
                                R"({"file":")" + (dir / "short").string() + R"("})"}) {
    const auto bad_r = with_http(R"({"admin_token":)" + bad + "}");
    EXPECT_FALSE(bad_r.config) << bad;
    ASSERT_EQ(bad_r.problems.size(), 1u) << bad;
    EXPECT_EQ(bad_r.problems[0].path, "/http/admin_token");
    EXPECT_EQ(bad_r.problems[0].message.find("0123456789abcdef"), std::string::npos) << "never the secret itself";
  }
}

}  // namespace
}  // namespace lobsync::config::http_links_test
