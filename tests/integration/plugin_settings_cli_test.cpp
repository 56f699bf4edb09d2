// Declared plugin settings as an administrator meets them: `lobsync config check` names a
// misspelt or missing setting with its path, and `lobsync plugins --describe` shows the table.
#include "daemon_fixture.h"

#include <gtest/gtest.h>

namespace lobsync::test::plugin_settings_cli_test {
namespace {

using nlohmann::json;

RunResult check_with_roster(const ScratchDir& dir, const json& settings) {
  auto config = base_config(dir);
  json instance = settings;
  instance["plugin"] = "oneroster";
  config["plugins"]["sis"] = instance;
  return lobsync({"config", "check", write_config(dir, config)});
}

TEST(PluginSettingsCli, ConfigCheckRefusesAMisspeltKeyAndSaysWhichWasMeant) {
  ScratchDir dir;
  std::filesystem::create_directories(dir / "export");
  auto r = check_with_roster(dir, {{"paht", (dir / "export").string()}});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(r.out.find("config OK"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("/plugins/sis/paht: unknown setting; did you mean \"path\"?"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/plugins/sis/path: missing"), std::string::npos) << r.err;
}

TEST(PluginSettingsCli, ConfigCheckRefusesAFolderThatIsNotThere) {
  ScratchDir dir;
  auto r = check_with_roster(dir, {{"path", (dir / "nowhere").string()}});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("/plugins/sis/path: no such folder or file: " + (dir / "nowhere").string()), std::string::npos)
      << r.err;
  std::filesystem::create_directories(dir / "nowhere");
  EXPECT_EQ(check_with_roster(dir, {{"path", (dir / "nowhere").string()}}).exit_code, 0);
}

TEST(PluginSettingsCli, DescribeShowsTheDeclaredSettings) {
  auto text = lobsync({"plugins", "--plugin-dir", plugin_dir().string(), "--describe", "oneroster"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("oneroster "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("folder or file (must exist)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("default \"utf-8\""), std::string::npos) << text.out;

  auto as_json = lobsync({"plugins", "--plugin-dir", plugin_dir().string(), "--describe", "smtp", "--json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  const auto described = json::parse(as_json.out);
  ASSERT_TRUE(described["settings"].is_array()) << described;
  const auto port = std::find_if(described["settings"].begin(), described["settings"].end(),
                                 [](const json& s) { return s["key"] == "port"; });
  ASSERT_NE(port, described["settings"].end());
  EXPECT_EQ((*port)["type"], "integer");
  EXPECT_EQ((*port)["min"], 1);
  EXPECT_EQ((*port)["max"], 65535);

  auto markdown = lobsync({"plugins", "--plugin-dir", plugin_dir().string(), "--describe", "mail-folder", "--markdown"});
  ASSERT_EQ(markdown.exit_code, 0) << markdown.err;
  EXPECT_TRUE(markdown.out.starts_with("| setting | type | required / default | range / values | description |\n"))
      << markdown.out;
  EXPECT_NE(markdown.out.find("| `folder` | folder (created) | required |"), std::string::npos) << markdown.out;
}

TEST(PluginSettingsCli, AnOlderPluginLoadsAndDeclaresNone) {
  const std::string dir = env("LOBSYNC_TEST_PLUGIN_DIR");
  auto text = lobsync({"plugins", "--plugin-dir", dir, "--describe", "test-abi-1-0"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("(plugin ABI 1.0)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("settings: the plugin declares none"), std::string::npos) << text.out;
  auto as_json = lobsync({"plugins", "--plugin-dir", dir, "--describe", "test-abi-1-0", "--json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  EXPECT_TRUE(json::parse(as_json.out)["settings"].is_null()) << as_json.out;
}

TEST(PluginSettingsCli, DescribingAPluginThatIsNotLoadedIsAUsageError) {
  auto r = lobsync({"plugins", "--plugin-dir", plugin_dir().string(), "--describe", "onerooster"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no plugin named onerooster"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("oneroster"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lobsync::test::plugin_settings_cli_test
