// The dossier-webhook sink against a real receiver on loopback that checks the HMAC signature
// and the timestamp and dedupes by Idempotency-Key, as the plugin's README tells receivers to.
#include "dossier_fixture.h"

#include "support/webhook_receiver.h"

#include <cstdlib>
#include <optional>

namespace lobsync::dossier_test::webhook_test {
namespace {

constexpr const char* kSecretEnv = "LOBSYNC_TEST_DOSSIER_WEBHOOK_SECRET";

class WebhookTest : public DossierTest {
 protected:
  WebhookTest() { ::setenv(kSecretEnv, test::WebhookReceiverOptions{}.secret.c_str(), 1); }

  static json settings(const std::string& url, int max_attempts = 3) {
    return {{"url", url}, {"secret", {{"env", kSecretEnv}}}, {"max_attempts", max_attempts}};
  }
  std::unique_ptr<PluginInstance> sink(const test::WebhookReceiver& receiver, int max_attempts = 3) {
    return make("dossier-webhook", settings(receiver.url(), max_attempts));
  }
};

TEST_F(WebhookTest, PostsTheSignedRecordOnce) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  const json record = sample_record();
  const auto out = call(*instance, push_request(record));
  ASSERT_TRUE(out.result.ok()) << out.dump() << receiver.describe();
  EXPECT_EQ(out.docs.at(0), json({{"duplicate", false}, {"status", 201}}));

  // Accepted means the receiver found the signature and timestamp good.
  const auto deliveries = receiver.deliveries();
  ASSERT_EQ(deliveries.size(), 1u) << receiver.describe();
  EXPECT_EQ(deliveries[0].idempotency_key, "dossier:r-7f3a:v1");
  EXPECT_EQ(deliveries[0].body, record);
  EXPECT_EQ(deliveries[0].timestamp, unix_ms(clock_.now()) / 1000);
  EXPECT_TRUE(receiver.rejections().empty()) << receiver.describe();
  EXPECT_EQ(receiver.requests(), 1);
}

TEST_F(WebhookTest, AStudentsReportGoesOutAsItIsUnderItsOwnKey) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  const json report = sample_student_report(2);
  const auto out = call(*instance, push_request(report));
  ASSERT_TRUE(out.result.ok()) << out.dump() << receiver.describe();
  const auto deliveries = receiver.deliveries();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].idempotency_key, "dossier:m-91:student:v2");
  EXPECT_EQ(deliveries[0].body, report);
}

TEST_F(WebhookTest, SameKeyAgainIsADuplicateAndAnEditIsNot) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  ASSERT_TRUE(call(*instance, push_request(sample_record("r-1", 1))).result.ok());

  // Delivered again after a crash: the receiver answers 409 and the item counts as done.
  const auto again = call(*instance, push_request(sample_record("r-1", 1)));
  ASSERT_TRUE(again.result.ok()) << again.dump();
  EXPECT_EQ(again.docs.at(0), json({{"duplicate", true}, {"status", 409}}));
  EXPECT_EQ(receiver.duplicates_refused(), 1);

  const auto edit = call(*instance, push_request(sample_record("r-1", 2)));
  ASSERT_TRUE(edit.result.ok()) << edit.dump();
  const auto deliveries = receiver.deliveries();
  ASSERT_EQ(deliveries.size(), 2u) << receiver.describe();
  EXPECT_EQ(deliveries[1].idempotency_key, "dossier:r-1:v2");
  EXPECT_EQ(deliveries[1].body["previous_version"], 1);
}

TEST_F(WebhookTest, RetriesThroughTemporaryFailures) {
  test::WebhookReceiverOptions options;
  options.fail_first = 2;
  test::WebhookReceiver receiver(options);
  auto instance = sink(receiver, 3);
  const auto out = call(*instance, push_request(sample_record()));
  ASSERT_TRUE(out.result.ok()) << out.dump() << receiver.describe();
  EXPECT_EQ(receiver.requests(), 3);
  EXPECT_EQ(receiver.deliveries().size(), 1u);
  EXPECT_EQ(waits().size(), 2u);  // the host backed off between attempts
}

TEST_F(WebhookTest, LastingTroubleIsUnavailableSoTheOutboxRetriesLater) {
  test::WebhookReceiverOptions options;
  options.fail_first = 100;
  test::WebhookReceiver receiver(options);
  auto instance = sink(receiver, 2);
  const auto out = call(*instance, push_request(sample_record()));
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::unavailable) << out.dump();
  EXPECT_TRUE(contains(out.result.error, "HTTP 503")) << out.result.error;
  EXPECT_EQ(receiver.requests(), 2);
  EXPECT_TRUE(receiver.deliveries().empty());
}

TEST_F(WebhookTest, StatusesDecideTheOutcome) {
  const std::vector<std::pair<int, lobsync::plugin_host::CallStatus>> cases = {
      {401, lobsync::plugin_host::CallStatus::auth},        {403, lobsync::plugin_host::CallStatus::auth},        {400, lobsync::plugin_host::CallStatus::permanent},
      {404, lobsync::plugin_host::CallStatus::permanent},   {422, lobsync::plugin_host::CallStatus::permanent},   {408, lobsync::plugin_host::CallStatus::unavailable},
      {429, lobsync::plugin_host::CallStatus::unavailable}, {500, lobsync::plugin_host::CallStatus::unavailable}, {502, lobsync::plugin_host::CallStatus::unavailable}};
  for (const auto& [status, expected] : cases) {
    test::WebhookReceiverOptions options;
    options.answer_status = status;
    test::WebhookReceiver receiver(options);
    auto instance = sink(receiver, 1);
    const auto out = call(*instance, push_request(sample_record()));
    EXPECT_EQ(out.result.status, expected) << status << ": " << out.dump();
    EXPECT_TRUE(contains(out.result.error, "(HTTP " + std::to_string(status) + ")")) << out.result.error;
  }
}

TEST_F(WebhookTest, NoAnswerIsUnavailable) {
  std::string url;
  {
    test::WebhookReceiver gone;
    url = gone.url();
  }
  auto instance = make("dossier-webhook", settings(url, 1));
  const auto out = call(*instance, push_request(sample_record()));
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::unavailable) << out.dump();
  EXPECT_TRUE(contains(out.result.error, "did not answer")) << out.result.error;
}

TEST_F(WebhookTest, WrongSecretIsAnAuthError) {
  test::WebhookReceiverOptions options;
  options.secret = "the-receivers-secret";
  test::WebhookReceiver receiver(options);
  auto instance = sink(receiver);
  const auto out = call(*instance, push_request(sample_record()));
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::auth) << out.dump();
  EXPECT_EQ(receiver.rejections(), std::vector<std::string>{"signature does not match"});
  EXPECT_FALSE(contains(out.result.error, test::WebhookReceiverOptions{}.secret)) << out.result.error;
}

TEST_F(WebhookTest, OldTimestampIsRefusedAsAReplayAndARetryIsSignedAfresh) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  const auto now = clock_.now();
  clock_.set(now - std::chrono::minutes(10));
  const auto stale = call(*instance, push_request(sample_record()));
  EXPECT_EQ(stale.result.status, lobsync::plugin_host::CallStatus::auth) << stale.dump();
  EXPECT_TRUE(contains(stale.result.error, "clock")) << stale.result.error;
  ASSERT_EQ(receiver.rejections().size(), 1u);
  EXPECT_TRUE(contains(receiver.rejections()[0], "timestamp too old")) << receiver.describe();

  clock_.set(now);
  const auto retry = call(*instance, push_request(sample_record()));
  ASSERT_TRUE(retry.result.ok()) << retry.dump() << receiver.describe();
  EXPECT_EQ(receiver.deliveries().size(), 1u);
}

TEST_F(WebhookTest, BrokenRequestNeverLeavesTheSchool) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  json request = push_request(sample_record());
  request["record"]["competences"].push_back("flying");
  const auto out = call(*instance, request);
  EXPECT_EQ(out.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << out.dump();
  EXPECT_TRUE(contains(out.result.error, "/record/competences/6")) << out.result.error;
  EXPECT_EQ(receiver.requests(), 0);
}

TEST_F(WebhookTest, HealthDoesNotPost) {
  test::WebhookReceiver receiver;
  auto instance = sink(receiver);
  json health;
  ASSERT_TRUE(instance->health(health).ok());
  EXPECT_EQ(health["ok"], true);
  EXPECT_EQ(health["host"], "127.0.0.1:" + std::to_string(receiver.port()));
  EXPECT_EQ(receiver.requests(), 0);
}

TEST_F(WebhookTest, SettingsAreChecked) {
  const std::string path = "/plugins/dossier/";
  EXPECT_TRUE(check("dossier-webhook", settings("https://platform.school.example/lob/dossier")).empty());
  EXPECT_TRUE(check("dossier-webhook", settings("http://127.0.0.1:8080/in")).empty());

  // Records are personal data of minors: no plain http beyond this machine unless allowed.
  auto s = settings("http://platform.school.example/in");
  auto problems = check("dossier-webhook", s);
  EXPECT_TRUE(has(problems, path + "url", "must be https://")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "url", "allow_plaintext")) << dump(problems);
  s["allow_plaintext"] = true;
  EXPECT_TRUE(check("dossier-webhook", s).empty()) << dump(check("dossier-webhook", s));

  problems = check("dossier-webhook", json::object());
  EXPECT_TRUE(has(problems, path + "url", "missing")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "secret", "missing")) << dump(problems);

  problems = check("dossier-webhook", {{"url", "ftp://platform.school.example/"},
                                       {"secret", "plain-text-secret"},
                                       {"allow_plaintext", "ja"},
                                       {"timeout_seconds", 0},
                                       {"max_attempts", 11},
                                       {"headers", json::object()}});
  EXPECT_TRUE(has(problems, path + "url", "https://")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "secret", "secret reference")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "allow_plaintext", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "timeout_seconds", "1 to 600")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "max_attempts", "1 to 10")) << dump(problems);
  EXPECT_TRUE(has(problems, path + "headers", "unknown setting")) << dump(problems);
  problems = check("dossier-webhook", settings("https://user:pw@platform.school.example/in"));
  EXPECT_TRUE(has(problems, path + "url", "user info")) << dump(problems);
}

TEST_F(WebhookTest, SecretThatCannotBeResolvedStopsCreate) {
  std::string error;
  auto s = settings("https://platform.school.example/in");
  s["secret"] = {{"env", "LOBSYNC_TEST_DOSSIER_UNSET_SECRET"}};
  ::unsetenv("LOBSYNC_TEST_DOSSIER_UNSET_SECRET");
  EXPECT_EQ(try_make("dossier-webhook", s, error), nullptr);
  EXPECT_TRUE(contains(error, "secret")) << error;

  ::setenv("LOBSYNC_TEST_DOSSIER_UNSET_SECRET", "", 1);
  EXPECT_EQ(try_make("dossier-webhook", s, error), nullptr);
  EXPECT_TRUE(contains(error, "secret")) << error;
  ::unsetenv("LOBSYNC_TEST_DOSSIER_UNSET_SECRET");
}

}  // namespace
}  // namespace lobsync::dossier_test::webhook_test
