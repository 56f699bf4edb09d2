// Settings checks as `lobsync config check` runs them: the host's check_plugin_settings calls
// the plugin's validate_config and reports JSON pointers under /plugins/<instance>.
#include "somtoday_fixture.h"

#include "plugin_host/settings_check.h"

namespace lobsync::plugin_host::somtoday_settings_test {
namespace {

using nlohmann::json;

class SomtodaySettingsTest : public SomtodayTest {
 protected:
  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "sis";
    instance.plugin = "somtoday";
    instance.settings = s;
    config.plugins = {instance};
    return check_plugin_settings(config, catalog_);
  }
  static json good() {
    return {{"organisation", test::FakeSomtoday::kOrganisation},
            {"client_id", "lobsync"},
            {"client_secret", {{"env", kSecretEnv}}}};
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
};

TEST_F(SomtodaySettingsTest, MinimalSettingsPass) {
  auto s = good();
  s["vestigingen"] = {"11111111-2222-3333-4444-555555555555"};
  s["page_size"] = 200;
  s["api_url"] = "http://localhost:8080/rest/v1";
  s["token_url"] = "http://[::1]:9/oauth2/token";
  const auto problems = check(s);
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(SomtodaySettingsTest, AnInlineSecretIsRefusedWithoutBeingEchoed) {
  auto s = good();
  s["client_secret"] = "plain-text-secret";
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/sis/client_secret", "must be a secret reference")) << dump(problems);
  EXPECT_EQ(dump(problems).find("plain-text-secret"), std::string::npos);
}

TEST_F(SomtodaySettingsTest, PlainHttpOnlyToLoopback) {
  auto s = good();
  s["api_url"] = "http://api.somtoday.nl/rest/v1";
  s["token_url"] = "ftp://127.0.0.1/token";
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/sis/api_url", "https")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/token_url", "https")) << dump(problems);
}

TEST_F(SomtodaySettingsTest, PageSizeAboveTheApiMaximumIsRefused) {
  auto s = good();
  s["page_size"] = 500;
  EXPECT_TRUE(has(check(s), "/plugins/sis/page_size", "1 to 200"));
  s["page_size"] = 0;
  EXPECT_TRUE(has(check(s), "/plugins/sis/page_size", "1 to 200"));
}

TEST_F(SomtodaySettingsTest, MissingAndMalformedFieldsAreNamed) {
  const json s{{"organisation", "not-a-uuid"}, {"vestigingen", {"x"}}, {"pagesize", 10}};
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/sis/organisation", "UUID")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/client_id", "missing")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/client_secret", "missing")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/vestigingen/0", "UUID")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/pagesize", "unknown setting")) << dump(problems);
}

TEST_F(SomtodaySettingsTest, CreateRefusesBadSettingsAsAConfigError) {
  auto s = good();
  s["page_size"] = 500;
  std::string error;
  auto instance = PluginInstance::create(*catalog_.find("somtoday"), "sis", s, services_, error);
  EXPECT_FALSE(instance);
  EXPECT_NE(error.find("page_size"), std::string::npos) << error;
}

TEST_F(SomtodaySettingsTest, TimetableSettingsAreChecked) {
  auto s = good();
  s["timetable_weeks"] = 12;
  s["cancelled_afspraaktypes"] = {"Vervallen", "Geannuleerd"};
  EXPECT_TRUE(check(s).empty()) << dump(check(s));
  s["timetable_weeks"] = 0;
  s["cancelled_afspraaktypes"] = {"Vervallen", ""};
  auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/sis/timetable_weeks", "from 1 to 52")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/cancelled_afspraaktypes/1", "non-empty string")) << dump(problems);
  s["timetable_weeks"] = "8";
  s["cancelled_afspraaktypes"] = "Vervallen";
  problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/sis/timetable_weeks", "from 1 to 52")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/sis/cancelled_afspraaktypes", "must be a list")) << dump(problems);
}

}  // namespace
}  // namespace lobsync::plugin_host::somtoday_settings_test
