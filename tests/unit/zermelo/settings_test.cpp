// Settings checks as `lobsync config check` runs them: the host's check_plugin_settings calls
// the plugin's validate_config and reports JSON pointers under /plugins/<instance>.
#include "zermelo_fixture.h"

#include "plugin_host/settings_check.h"

namespace lobsync::plugin_host::zermelo_settings_test {
namespace {

using nlohmann::json;

class ZermeloSettings : public ZermeloTest {
 protected:
  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "timetable";
    instance.plugin = "zermelo";
    instance.settings = s;
    config.plugins = {instance};
    return check_plugin_settings(config, catalog_);
  }
  static json good() { return {{"school", "stedelijkcollege"}, {"token", {{"env", kTokenEnv}}}}; }
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

TEST_F(ZermeloSettings, TheReadmeExamplePasses) {
  auto s = good();
  s["codes"] = {{"j.jansen@school.example", "jjn"}};
  const auto problems = check(s);
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(ZermeloSettings, SchoolOrPortalUrlIsRequired) {
  const auto problems = check({{"token", {{"env", kTokenEnv}}}});
  EXPECT_TRUE(has(problems, "/plugins/timetable/school", "missing (give school")) << dump(problems);
  EXPECT_TRUE(check({{"portal_url", "https://stedelijkcollege.zportal.nl"}, {"token", {{"env", kTokenEnv}}}}).empty());
}

TEST_F(ZermeloSettings, WrongSettingsAreNamedByTheirPath) {
  auto s = good();
  s["school"] = "Stedelijk College";
  s["portal_url"] = "http://portal.school.example";
  s["token_in"] = "cookie";
  s["teachers_per_request"] = 0;
  s["days_per_request"] = 400;
  s["free_types"] = "choice";
  s["codes"] = {{"a.jansen@school.example", "a jansen"}};
  s["timeout_seconds"] = 120;
  s["max_atempts"] = 3;
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/timetable/school", "https://NAME.zportal.nl")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/portal_url", "https://")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/token_in", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/teachers_per_request", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/days_per_request", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/free_types", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/codes/a.jansen@school.example", "Zermelo user code")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/timeout_seconds", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/timetable/max_atempts", "did you mean \"max_attempts\"")) << dump(problems);
}

TEST_F(ZermeloSettings, AnInlineTokenIsRefusedWithoutBeingEchoed) {
  auto s = good();
  s["token"] = "plain-text-token";
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/timetable/token", "must be a secret reference")) << dump(problems);
  EXPECT_EQ(dump(problems).find("plain-text-token"), std::string::npos);
}

TEST_F(ZermeloSettings, TheSchoolNameBecomesThePortalAddress) {
  // Health asks nothing of the portal: a check every few seconds must not load it.
  auto instance = make(good());
  nlohmann::json health;
  ASSERT_TRUE(instance->health(health).ok());
  EXPECT_NE(health.dump().find("https://stedelijkcollege.zportal.nl"), std::string::npos) << health.dump();
}

}  // namespace
}  // namespace lobsync::plugin_host::zermelo_settings_test
