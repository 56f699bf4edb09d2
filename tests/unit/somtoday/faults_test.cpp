// How HTTP failures surface: transient ones retried by the host, then UNAVAILABLE; refusals
// named by endpoint; a broken body as INVALID_ARGUMENT naming endpoint and page offset.
#include "somtoday_fixture.h"

namespace lobsync::plugin_host::somtoday_faults_test {
namespace {

using nlohmann::json;

class FaultsTest : public SomtodayTest {
 protected:
  static json rule(const std::string& match, json fields) {
    fields["match"] = match;
    return {{"rules", json::array({fields})}};
  }
};

TEST_F(FaultsTest, TooManyRequestsIsRetriedByTheHost) {
  test::FakeSomtoday fake(12);
  fake.control(rule("/leerling", {{"status", 429}, {"times", 2}, {"retry_after", "1"}}));
  auto instance = make(settings(fake));
  CallResult result;
  const auto docs = read(*instance, result);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(of_kind(docs, "student").size(), fake.school()["students"].get<std::size_t>());
  std::lock_guard lock(waits_mutex_);
  ASSERT_EQ(waits_.size(), 2u);  // the host waited (as recorded, not slept) before each retry
  EXPECT_EQ(waits_[0], std::chrono::seconds(1));  // as Retry-After asked
}

TEST_F(FaultsTest, AServerThatStaysDownIsUnavailable) {
  test::FakeSomtoday fake(12);
  fake.control(rule("/medewerker", {{"status", 503}}));
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::unavailable) << result.error;
  EXPECT_NE(result.error.find("/medewerker"), std::string::npos) << result.error;
}

TEST_F(FaultsTest, ForbiddenNamesTheEndpoint) {
  test::FakeSomtoday fake(12);
  fake.control(rule("ouderVerzorger", {{"status", 403}}));
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::permanent) << result.error;
  EXPECT_NE(result.error.find("no permission for GET /connect/vestiging/"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("/ouderVerzorger/"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("FORBIDDEN"), std::string::npos) << result.error;
}

TEST_F(FaultsTest, NotFoundCarriesTheClarification) {
  test::FakeSomtoday fake(12);
  fake.control(rule("stamgroep", {{"status", 404}, {"clarification", "Vestiging niet gevonden"}}));
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::permanent) << result.error;
  EXPECT_NE(result.error.find("Vestiging niet gevonden"), std::string::npos) << result.error;
}

TEST_F(FaultsTest, ATruncatedPageIsInvalidNamingEndpointAndOffset) {
  test::FakeSomtoday fake(30);
  fake.control(rule("/leerling", {{"truncate", true}, {"offset", 10}}));
  auto s = settings(fake);
  s["page_size"] = 10;
  auto instance = make(s);
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument) << result.error;
  EXPECT_NE(result.error.find("/leerling (offset 10)"), std::string::npos) << result.error;
}

TEST_F(FaultsTest, AnHtmlPageIsInvalid) {
  test::FakeSomtoday fake(12);
  fake.control(rule("/connect/vestiging", {{"html", true}, {"times", 1}}));
  auto instance = make(settings(fake));
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::invalid_argument) << result.error;
  EXPECT_NE(result.error.find("GET /connect/vestiging"), std::string::npos) << result.error;
}

TEST_F(FaultsTest, AConfiguredVestigingWithoutPermissionIsAConfigError) {
  test::FakeSomtoday fake(12);
  auto s = settings(fake);
  s["vestigingen"] = {"11111111-2222-3333-4444-555555555555"};
  auto instance = make(s);
  CallResult result;
  read(*instance, result);
  EXPECT_EQ(result.status, lobsync::plugin_host::CallStatus::config) << result.error;
  EXPECT_NE(result.error.find("11111111-2222-3333-4444-555555555555"), std::string::npos) << result.error;
}

}  // namespace
}  // namespace lobsync::plugin_host::somtoday_faults_test
