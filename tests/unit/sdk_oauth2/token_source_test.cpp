// lobsync/oauth2.hpp and oauth2_response.hpp: a token kept until shortly before it expires,
// renewed once on a 401, the token endpoint's refusals as short messages with the fix named,
// and the secret never in a message or log line.
#include "stub_host.h"

#include <lobsync/oauth2.hpp>

#include <gtest/gtest.h>

namespace lobsync::sdk::oauth2::token_source_test {
namespace {

using nlohmann::json;

const char* const kSecret = "Sup3r~Secret/Value+1";
const json kReference{{"env", "APP_SECRET"}};

std::string token_body(const std::string& token, const json& expires_in = 3599) {
  return json{{"token_type", "Bearer"}, {"expires_in", expires_in}, {"access_token", token}}.dump();
}

class TokenSourceTest : public ::testing::Test {
 protected:
  TokenSourceTest() : host_(stub_.host()) { stub_.secrets[kReference.dump()] = kSecret; }

  TokenSource source() {
    return TokenSource(host_, "https://login.example/tenant/oauth2/v2.0/token", "tenant contoso",
                       client_secret_grant(host_, "app-id", kReference, "https://graph.microsoft.com/.default"));
  }

  Error refusal(int status, const std::string& body) {
    stub_.answers.push_back({status, body});
    auto tokens = source();
    try {
      tokens.token();
    } catch (const Error& e) {
      return e;
    }
    throw std::runtime_error("no error");
  }

  test::StubHost stub_;
  Host host_;
};

TEST_F(TokenSourceTest, TheFormCarriesTheClientCredentials) {
  stub_.answers.push_back({200, token_body("t1")});
  auto tokens = source();
  EXPECT_EQ(tokens.token(), "t1");
  ASSERT_EQ(stub_.requests.size(), 1u);
  EXPECT_EQ(stub_.requests[0]["method"], "POST");
  EXPECT_EQ(stub_.requests[0]["url"], "https://login.example/tenant/oauth2/v2.0/token");
  EXPECT_EQ(stub_.requests[0]["headers"]["Content-Type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(stub_.bodies[0],
            "grant_type=client_credentials&client_id=app-id&client_secret=Sup3r~Secret%2FValue%2B1"
            "&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
}

TEST_F(TokenSourceTest, ATokenIsKeptUntilShortlyBeforeItExpires) {
  stub_.answers = {{200, token_body("t1", 3600)}, {200, token_body("t2", 3600)}};
  auto tokens = source();
  EXPECT_EQ(tokens.token(), "t1");
  stub_.now_ms += (3600 - 61) * 1000LL;  // just inside the minute kept in hand
  EXPECT_EQ(tokens.token(), "t1");
  EXPECT_EQ(tokens.requests(), 1);
  stub_.now_ms += 2000;  // past expires_in minus the margin
  EXPECT_EQ(tokens.token(), "t2");
  EXPECT_EQ(tokens.requests(), 2);
}

TEST_F(TokenSourceTest, AShortLifetimeKeepsATenthInHand) {
  stub_.answers = {{200, token_body("t1", "20")}, {200, token_body("t2", 20)}};  // a string, as older endpoints send
  auto tokens = source();
  EXPECT_EQ(tokens.token(), "t1");
  stub_.now_ms += 17'000;
  EXPECT_EQ(tokens.token(), "t1");
  stub_.now_ms += 1'000;  // 18 s: 20 s minus a tenth
  EXPECT_EQ(tokens.token(), "t2");
}

TEST_F(TokenSourceTest, A401RenewsTheTokenOnceAndSendsAgain) {
  stub_.answers = {{200, token_body("t1")}, {401, ""}, {200, token_body("t2")}, {200, "{}"}};
  auto tokens = source();
  const auto response = authorized_http(host_, tokens, {{"method", "GET"}, {"url", "https://api.example/x"}});
  EXPECT_EQ(response.status, 200);
  ASSERT_EQ(stub_.requests.size(), 4u);
  EXPECT_EQ(stub_.requests[1]["headers"]["Authorization"], "Bearer t1");
  EXPECT_EQ(stub_.requests[3]["headers"]["Authorization"], "Bearer t2");
  EXPECT_EQ(tokens.requests(), 2);
}

TEST_F(TokenSourceTest, A401WithTheRenewedTokenIsHandedBackNotRetriedForever) {
  stub_.answers = {{200, token_body("t1")}, {401, ""}, {200, token_body("t2")}, {401, ""}, {200, "{}"}};
  auto tokens = source();
  const auto response = authorized_http(host_, tokens, {{"method", "GET"}, {"url", "https://api.example/x"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(stub_.requests.size(), 4u);
}

TEST_F(TokenSourceTest, AWrongSecretSaysWhatToFixWithoutTheTraceNoise) {
  const std::string body = R"({"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'app-id'.\r\nTrace ID: 0e1d\r\nCorrelation ID: 77aa\r\nTimestamp: 2026-12-02 15:00:00Z","error_codes":[7000215],"timestamp":"2026-12-02 15:00:00Z","trace_id":"0e1d","correlation_id":"77aa"})";
  const Error e = refusal(401, body);
  EXPECT_EQ(e.status(), LOBSYNC_E_AUTH);
  const std::string message = e.what();
  EXPECT_TRUE(message.starts_with("token request for tenant contoso refused (HTTP 401): invalid_client: AADSTS7000215: "))
      << message;
  EXPECT_NE(message.find("(the client secret is wrong: use the secret's Value, not its Secret ID)"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("Trace ID"), std::string::npos) << message;
}

TEST_F(TokenSourceTest, KnownRefusalsGetTheirHints) {
  struct Case {
    std::string body, hint;
  };
  const std::vector<Case> cases{
      {R"({"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys are expired.","error_codes":[7000222]})",
       "has expired"},
      {R"({"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier 'x' was not found in the directory 'y'."})",
       "not an application in this tenant"},
      {R"({"error":"invalid_request","error_description":"AADSTS90002: Tenant 'nope' not found."})", "check tenant"},
      {R"({"error":"invalid_client","error_description":"AADSTS700027: Client assertion failed signature validation."})",
       "upload this certificate"},
      {R"({"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."})",
       "domain-wide delegation"},
      {R"({"error":"invalid_grant","error_description":"Invalid JWT Signature."})", "not (or no longer) a key"},
  };
  for (const auto& c : cases) {
    const std::string line = describe_token_error(c.body);
    EXPECT_NE(line.find(c.hint), std::string::npos) << line;
  }
  EXPECT_EQ(describe_token_error(R"({"error":"invalid_scope"})"), "invalid_scope");
  EXPECT_EQ(describe_token_error(R"({"errors":[]})"), "");
  EXPECT_EQ(describe_token_error("<html>"), "");
}

TEST_F(TokenSourceTest, ASecretEchoedByTheServerIsRedacted) {
  const Error e = refusal(400, json{{"error", "invalid_request"},
                                    {"error_description", std::string("bad client_secret=") + kSecret}}.dump());
  EXPECT_EQ(e.status(), LOBSYNC_E_AUTH);
  EXPECT_EQ(std::string(e.what()).find("Sup3r"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("[redacted]"), std::string::npos) << e.what();
  for (const auto& line : stub_.logs) EXPECT_EQ(line.find("Sup3r"), std::string::npos) << line;
}

TEST_F(TokenSourceTest, AnEndpointThatIsDownIsTransient) {
  EXPECT_EQ(refusal(503, "Service Unavailable").status(), LOBSYNC_E_UNAVAILABLE);
  EXPECT_EQ(refusal(0, "").status(), LOBSYNC_E_UNAVAILABLE);
  EXPECT_EQ(refusal(429, R"({"error":"temporarily_unavailable"})").status(), LOBSYNC_E_UNAVAILABLE);
}

TEST_F(TokenSourceTest, AnAnswerWithoutAUsableTokenIsRefused) {
  EXPECT_NE(std::string(refusal(200, "[]").what()).find("not a JSON object"), std::string::npos);
  EXPECT_NE(std::string(refusal(200, R"({"access_token":""})").what()).find("no access_token"), std::string::npos);
  EXPECT_NE(std::string(refusal(200, R"({"access_token":"x","token_type":"mac"})").what()).find("not a Bearer"),
            std::string::npos);
  EXPECT_EQ(refusal(200, "{}").status(), LOBSYNC_E_AUTH);
}

TEST_F(TokenSourceTest, AMissingSecretIsAConfigErrorNamingTheReference) {
  stub_.secrets.clear();
  auto tokens = source();
  try {
    tokens.token();
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_CONFIG);
    EXPECT_NE(std::string(e.what()).find("APP_SECRET"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(stub_.requests.empty());
}

TEST(TokenResponse, LifetimesAreReadOnlyWhenSensible) {
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a","expires_in":3599})").expires_in, 3599);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a","expires_in":"3599"})").expires_in, 3599);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a","expires_in":-5})").expires_in, kDefaultLifetimeSeconds);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a","expires_in":"soon"})").expires_in, kDefaultLifetimeSeconds);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a","expires_in":1e300})").expires_in, kDefaultLifetimeSeconds);
  EXPECT_EQ(parse_token_response(200, R"({"access_token":"a"})").expires_in, kDefaultLifetimeSeconds);
  EXPECT_TRUE(parse_token_response(200, R"({"access_token":"a","token_type":"bearer"})").ok);
}

}  // namespace
}  // namespace lobsync::sdk::oauth2::token_source_test
