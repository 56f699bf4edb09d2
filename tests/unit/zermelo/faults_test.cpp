// How the portal's refusals and failures surface: a refused token or missing rights stop the
// whole read (the host then plans nothing rather than into lessons); 429/503 are retried by the
// host as Retry-After asks; a broken answer for one teacher is that teacher's error and the
// others go on; the token never appears in a message.
#include "zermelo_fixture.h"

namespace lobsync::plugin_host::zermelo_faults_test {
namespace {

using nlohmann::json;

class ZermeloFaults : public ZermeloTest {
 protected:
  static json rule(const std::string& match, json fields) {
    fields["match"] = match;
    return {{"rules", json::array({fields})}};
  }
  // Thursday 29 October; jan and vri each have four lessons.
  Busy thursday(PluginInstance& instance) {
    return busy(instance, request("2026-10-28T23:00:00Z", "2026-10-29T23:00:00Z", {person("t1", "jan"), person("t2", "vri")}));
  }
  static void expect_no_token(const Busy& read) {
    EXPECT_EQ(read.dump().find(test::FakeZermelo::kToken), std::string::npos) << read.dump();
  }
};

TEST_F(ZermeloFaults, ARefusedTokenStopsTheReadWithAClearMessage) {
  test::FakeZermelo fake;
  ::setenv(kTokenEnv, "not-the-token", 1);
  auto s = settings(fake);
  s["token_in"] = "query";
  auto instance = make(s);
  const auto read = thursday(*instance);
  EXPECT_EQ(read.result.status, CallStatus::auth) << read.dump();
  EXPECT_NE(read.result.error.find("the API token is refused (HTTP 401: Unauthorized"), std::string::npos) << read.dump();
  EXPECT_EQ(read.dump().find("not-the-token"), std::string::npos) << "never the token, not even in a URL: " << read.dump();
  EXPECT_EQ(fake.requests()[0]["auth"], nullptr);
}

TEST_F(ZermeloFaults, TheTokenTravelsInTheQueryWhenAsked) {
  test::FakeZermelo fake;
  auto s = settings(fake);
  s["token_in"] = "query";
  auto instance = make(s);
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1").size(), 4u);
  for (const auto& r : fake.requests()) EXPECT_EQ(r["auth"], "query");
}

TEST_F(ZermeloFaults, ATokenWithoutRightsOnOthersStopsTheRead) {
  test::FakeZermelo fake;
  fake.control({{"forbid_others", true}});
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  EXPECT_EQ(read.result.status, CallStatus::permanent) << read.dump();
  EXPECT_NE(read.result.error.find("the API token lacks the right to read appointments of other users (HTTP 403: Access denied"),
            std::string::npos)
      << read.dump();
}

TEST_F(ZermeloFaults, TooManyRequestsIsRetriedAsRetryAfterAsks) {
  test::FakeZermelo fake;
  fake.control(rule("jan", {{"status", 429}, {"times", 2}, {"retry_after", "3"}}));
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1").size(), 4u) << read.dump();
  std::lock_guard lock(waits_mutex_);
  ASSERT_EQ(waits_.size(), 2u);  // the host waited (as recorded, not slept) before each retry
  EXPECT_EQ(waits_[0], std::chrono::seconds(3));
  EXPECT_EQ(waits_[1], std::chrono::seconds(3));
}

TEST_F(ZermeloFaults, APortalThatStaysAwayIsUnavailable) {
  test::FakeZermelo fake;
  fake.control(rule("", {{"status", 503}, {"retry_after", "1"}}));
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  EXPECT_EQ(read.result.status, CallStatus::unavailable) << read.dump();
  EXPECT_NE(read.result.error.find("GET /api/v3/appointments (user jan, "), std::string::npos) << read.dump();
  EXPECT_NE(read.result.error.find("after 4 attempts: HTTP 503"), std::string::npos) << read.dump();
  EXPECT_EQ(fake.requests().size(), 4u);
}

TEST_F(ZermeloFaults, AnotherRefusalIsThatTeachersErrorWithTheTokenRedacted) {
  test::FakeZermelo fake;
  fake.control(rule("jan", {{"status", 400}, {"message", std::string("bad access_token=") + test::FakeZermelo::kToken}}));
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_NE(read.message("t1", "error").find("HTTP 400: bad access_token=[token]"), std::string::npos) << read.dump();
  EXPECT_EQ(read.intervals("t2").size(), 4u);
  expect_no_token(read);
}

struct BrokenAnswer {
  const char* name;
  json rule;  // raw text or JSON body the fake answers for jan
  const char* error;
};

class ZermeloBrokenAnswer : public ZermeloFaults, public ::testing::WithParamInterface<BrokenAnswer> {};

TEST_P(ZermeloBrokenAnswer, IsThatTeachersErrorAndTheOthersGoOn) {
  test::FakeZermelo fake;
  fake.control(rule("jan", GetParam().rule));
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.intervals("t1").empty()) << read.dump();
  EXPECT_NE(read.message("t1", "error").find(GetParam().error), std::string::npos) << read.dump();
  EXPECT_NE(read.message("t1", "error").find("user jan, 2026-10-27T23:00:00Z to 2026-10-29T23:00:00Z"), std::string::npos)
      << read.dump();
  EXPECT_EQ(read.intervals("t2").size(), 4u) << read.dump();
}

INSTANTIATE_TEST_SUITE_P(
    Answers, ZermeloBrokenAnswer,
    ::testing::Values(
        BrokenAnswer{"Html", {{"raw", "<html><body>Onderhoud</body></html>"}}, "the answer is not JSON (35 bytes)"},
        BrokenAnswer{"Truncated", {{"raw", R"({"response":{"status":200,"data":[{"id":1,)"}, {"content_type", "application/json"}},
                     "the answer is not JSON"},
        BrokenAnswer{"NoEnvelope", {{"body", {{"data", json::array()}}}}, "not Zermelo's envelope"},
        BrokenAnswer{"EnvelopeNotAnObject", {{"body", {{"response", json::array()}}}}, "not Zermelo's envelope"},
        BrokenAnswer{"NoData", {{"body", {{"response", {{"status", 200}}}}}}, "response.data is not a list"},
        BrokenAnswer{"DataNotAList", {{"body", {{"response", {{"status", 200}, {"data", {{"id", 1}}}}}}}},
                     "response.data is not a list"},
        BrokenAnswer{"ErrorStatusInTheEnvelope",
                     {{"body", {{"response", {{"status", 500}, {"message", "Interne fout"}, {"data", json::array()}}}}}},
                     "the envelope says status 500: Interne fout"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST_F(ZermeloFaults, ACutOffAnswerIsAnErrorNotFewerLessons) {
  test::FakeZermelo fake;
  fake.control({{"max_rows", 2}});
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_TRUE(read.intervals("t1").empty()) << read.dump();
  EXPECT_NE(read.message("t1", "error").find("holds 2 of 6 appointments (cut off); lower days_per_request"), std::string::npos)
      << read.dump();
  EXPECT_NE(read.message("t2", "error").find("cut off"), std::string::npos) << read.dump();
}

TEST_F(ZermeloFaults, AppointmentsWithMissingOrOutOfRangeFieldsAreSkippedAsProblems) {
  test::FakeZermelo fake;
  const long long start = 1793259000;  // 2026-10-29T07:30:00Z
  const long long end = start + 3000;
  const json data = json::array({{{"id", 1}, {"start", start}, {"end", end}, {"type", "lesson"}},
                                 {{"id", 2}, {"start", start}},
                                 {{"id", 3}, {"start", 99999999999LL}, {"end", 99999999999LL + 3000}},
                                 {{"id", 4}, {"start", "2026-10-29T08:30"}, {"end", end}},
                                 "junk",
                                 {{"id", 6}, {"start", end}, {"end", start}},
                                 {{"id", 7}, {"start", start}, {"end", end}, {"valid", "yes"}},
                                 {{"id", 8}, {"start", -5}, {"end", end}}});
  fake.control(rule("jan", {{"body", {{"response", {{"status", 200}, {"totalRows", 8}, {"data", data}}}}}}));
  auto instance = make(settings(fake));
  const auto read = thursday(*instance);
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1"), (std::vector<std::pair<std::string, std::string>>{{"2026-10-29T07:30:00Z", "2026-10-29T08:20:00Z"}}));
  const auto problems = read.messages("t1", "problem");
  const std::vector<std::string> expected{"appointment 2: end is missing; skipped",
                                          "appointment 3: start is out of range (99999999999); skipped",
                                          "appointment 4: start is not a Unix time in seconds; skipped",
                                          "appointment #4: not an object; skipped",
                                          "appointment 6: end is not after start; skipped",
                                          "appointment 7: valid is not true or false; skipped",
                                          "appointment 8: start is out of range (-5); skipped"};
  ASSERT_EQ(problems.size(), expected.size()) << read.dump();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NE(problems[i].find(expected[i]), std::string::npos) << problems[i];
    EXPECT_TRUE(problems[i].starts_with("user jan, ")) << problems[i];
  }
  EXPECT_TRUE(read.messages("t1", "error").empty()) << read.dump();
  EXPECT_EQ(read.intervals("t2").size(), 4u);
}

}  // namespace
}  // namespace lobsync::plugin_host::zermelo_faults_test
