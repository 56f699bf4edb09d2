// Settings as `lobsync config check` reports them: the README's example passes, every missing,
// conflicting or malformed setting is named by its JSON pointer under /plugins/<instance>.
#include "microsoft365_fixture.h"

#include "plugin_host/settings_check.h"

namespace lobsync::plugin_host::microsoft365_settings_test {
namespace {

using nlohmann::json;

class Microsoft365SettingsTest : public Microsoft365Test {
 protected:
  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "m365";
    instance.plugin = "microsoft365";
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
  // The README's example, with the certificate and key this test made.
  json example() const {
    return {{"tenant", "school.example"},
            {"client_id", "11111111-2222-3333-4444-555555555555"},
            {"certificate", app_.app.cert.string()},
            {"private_key", {{"file", app_.app.key.string()}}},
            {"mailbox", "lob-planner@school.example"},
            {"calendar_writes", true}};
  }
};

TEST_F(Microsoft365SettingsTest, TheReadmeExamplePasses) {
  const auto problems = check(example());
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(Microsoft365SettingsTest, EveryWrongSettingIsNamedByItsPath) {
  EXPECT_TRUE(has(check(json::object()), "/plugins/m365/tenant", "missing"));
  EXPECT_TRUE(has(check(json::object()), "/plugins/m365/client_id", "missing"));
  EXPECT_TRUE(has(check(json::object()), "/plugins/m365/mailbox", "missing"));
  auto s = example();
  s.erase("certificate");
  s.erase("private_key");
  EXPECT_TRUE(has(check(s), "/plugins/m365/client_secret", "certificate + private_key")) << dump(check(s));
  s = example();
  s["client_secret"] = {{"env", kSecretEnv}};
  EXPECT_TRUE(has(check(s), "/plugins/m365/client_secret", "not both")) << dump(check(s));
  s = example();
  s.erase("private_key");
  EXPECT_TRUE(has(check(s), "/plugins/m365/private_key", "missing")) << dump(check(s));
  s = example();
  s["mailbox"] = "lob-planner";
  s["graph_url"] = "http://graph.example/v1.0";
  s["tenant"] = "school.example/evil";
  s["timeout_seconds"] = 1;
  s["client_secert"] = "x";
  s["calendar_writes"] = "yes";
  s["participants_label"] = 7;
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/m365/mailbox", "mailbox's address")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/graph_url", "https")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/tenant", "directory (tenant) ID")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/timeout_seconds", "5")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/client_secert", "client_secret")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/calendar_writes", "")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/m365/participants_label", "")) << dump(problems);
}

TEST_F(Microsoft365SettingsTest, AKeyThatCannotBeReadFailsAtStartNamingTheSetting) {
  auto s = certificate_settings();
  s["private_key"] = {{"file", (scratch_ / "missing.key").string()}};
  EXPECT_THROW(
      {
        try {
          make(s);
        } catch (const std::runtime_error& e) {
          EXPECT_NE(std::string(e.what()).find("private_key"), std::string::npos) << e.what();
          throw;
        }
      },
      std::runtime_error);
  EXPECT_EQ(graph_.stats()["token"]["token_requests"], 0);  // nothing was sent
}

}  // namespace
}  // namespace lobsync::plugin_host::microsoft365_settings_test
