// Every in-tree plugin declares its settings (ABI 1.1) and, through that declaration, refuses a
// key it does not know, as `lobsync config check` runs it; a plugin built for ABI 1.0 still
// loads and declares none.
#include "plugin_host/catalog.h"
#include "plugin_host/settings_check.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::plugin_host::plugin_host_declared_settings_test {
namespace {

const PluginCatalog& catalog() {
  static const PluginCatalog scanned = PluginCatalog::scan({test::plugin_dir(), test::env("LOBSYNC_TEST_PLUGIN_DIR")});
  return scanned;
}

std::vector<config::Problem> check(const std::string& plugin, const nlohmann::json& settings) {
  config::Config config;
  config::PluginInstanceSettings instance;
  instance.instance = "x";
  instance.plugin = plugin;
  instance.settings = settings;
  config.plugins = {instance};
  return check_plugin_settings(config, catalog());
}

std::string problem_at(const std::vector<config::Problem>& problems, const std::string& path) {
  for (const auto& p : problems) {
    if (p.path == path) return p.message;
  }
  return "(no problem at " + path + ")";
}

class InTreePlugin : public ::testing::TestWithParam<const char*> {};

TEST_P(InTreePlugin, DeclaresItsSettings) {
  const auto* plugin = catalog().find(GetParam());
  ASSERT_NE(plugin, nullptr);
  ASSERT_TRUE(plugin->info.settings.is_array()) << plugin->info.settings;
  EXPECT_FALSE(plugin->info.settings.empty());
  for (const auto& setting : plugin->info.settings) {
    EXPECT_TRUE(setting.contains("key") && setting.contains("type")) << setting;
    EXPECT_TRUE(setting.contains("description")) << GetParam() << ": " << setting;
  }
}

TEST_P(InTreePlugin, RefusesAnUnknownKey) {
  const auto problems = check(GetParam(), {{"no_such_setting_here", 1}});
  EXPECT_NE(problem_at(problems, "/plugins/x/no_such_setting_here").find("unknown setting"), std::string::npos)
      << problem_at(problems, "/plugins/x/no_such_setting_here");
}

INSTANTIATE_TEST_SUITE_P(All, InTreePlugin,
                         ::testing::Values("caldav", "calendar-folder", "dossier-files", "dossier-webhook", "magister",
                                           "mail-folder", "oneroster", "smtp", "somtoday"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(PluginHostDeclaredSettings, OneRosterNamesTheKeyMeantAndTheMissingFolder) {
  test::ScratchDir dir;
  auto problems = check("oneroster", {{"paht", dir.path().string()}});
  EXPECT_EQ(problem_at(problems, "/plugins/x/paht"), "unknown setting; did you mean \"path\"?");
  EXPECT_EQ(problem_at(problems, "/plugins/x/path").rfind("missing", 0), 0u) << problem_at(problems, "/plugins/x/path");

  problems = check("oneroster", {{"path", (dir / "gone").string()}});
  EXPECT_EQ(problem_at(problems, "/plugins/x/path"), "no such folder or file: " + (dir / "gone").string());
  EXPECT_TRUE(check("oneroster", {{"path", dir.path().string()}}).empty());
}

TEST(PluginHostDeclaredSettings, AnAbi10PluginLoadsAndDeclaresNone) {
  const auto* plugin = catalog().find("test-abi-1-0");
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->info.abi, "1.0");
  EXPECT_TRUE(plugin->info.settings.is_null());
  EXPECT_EQ(to_json(plugin->info)["declares_settings"], false);
  EXPECT_EQ(to_json(catalog().find("smtp")->info)["declares_settings"], true);
}

}  // namespace
}  // namespace lobsync::plugin_host::plugin_host_declared_settings_test
