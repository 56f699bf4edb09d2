// Settings as `lobsync config check` reports them: the README's example passes, every missing or
// malformed setting is named by its JSON pointer under /plugins/<instance>, and a key file that
// cannot be used fails when the instance starts, before anything is sent.
#include "google_fixture.h"

#include "plugin_host/settings_check.h"

namespace lobsync::plugin_host::google_settings_test {
namespace {

using nlohmann::json;

class GoogleSettingsTest : public GoogleTest {
 protected:
  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "workspace";
    instance.plugin = "google";
    instance.settings = s;
    config.plugins = {instance};
    return check_plugin_settings(config, catalog_);
  }
  static bool has(const std::vector<config::Problem>& problems, const std::string& path, const std::string& text) {
    for (const auto& p : problems) {
      if (p.path == path && p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
  static std::string dump(const std::vector<config::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.path + ": " + p.message + "\n";
    return out;
  }
  // The README's example, with the key file this test made.
  json example() const {
    return {{"service_account_key", {{"file", app_.service_account_key.string()}}}, {"mailbox", "lob-planner@school.example"}};
  }
};

TEST_F(GoogleSettingsTest, TheReadmeExamplePasses) {
  const auto problems = check(example());
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(GoogleSettingsTest, EveryWrongSettingIsNamedByItsPath) {
  EXPECT_TRUE(has(check(json::object()), "/plugins/workspace/service_account_key", "missing")) << dump(check(json::object()));
  EXPECT_TRUE(has(check(json::object()), "/plugins/workspace/mailbox", "missing"));
  auto s = example();
  s["mailbox"] = "lob-planner";
  s["calendar_url"] = "http://calendar.example";
  s["gmail_url"] = "https://gmail.example?x=1";
  s["timeout_seconds"] = 1;
  s["service_account_key"] = "{\"private_key\": \"…\"}";  // the key itself instead of a reference
  s["check_sent_mesages"] = true;
  s["copies_show_as"] = "free";
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/workspace/mailbox", "mailbox's address")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/calendar_url", "https")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/gmail_url", "query")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/timeout_seconds", "5")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/service_account_key", "file")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/check_sent_mesages", "check_sent_messages")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/workspace/copies_show_as", "available")) << dump(problems);
}

TEST_F(GoogleSettingsTest, AKeyFileThatCannotBeUsedFailsAtStartNamingTheSetting) {
  auto s = settings();
  test::write_secret_file(scratch_ / "broken.json", "{\"type\": \"service_account\", \"client_email\": \"x@y\"}");
  s["service_account_key"] = {{"file", (scratch_ / "broken.json").string()}};
  try {
    make(s);
    FAIL() << "created with a key file without a private key";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("service_account_key"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("private_key"), std::string::npos) << e.what();
  }
  EXPECT_EQ(google_.stats()["token"]["token_requests"], 0);  // nothing was sent
}

}  // namespace
}  // namespace lobsync::plugin_host::google_settings_test
