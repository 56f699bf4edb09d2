// Settings checks as `lobsync config check` runs them (the plugin's validate_config through the
// host), and the same settings refused when an instance is created.
#include "caldav_fixture.h"

#include "config/config.h"
#include "plugin_host/settings_check.h"

namespace lobsync::caldav_test::caldav_settings_test {
namespace {

class CaldavSettingsTest : public ::testing::Test {
 protected:
  CaldavSettingsTest() : catalog_(plugin_host::PluginCatalog::scan({test::plugin_dir()})) {
    ::setenv("LOBSYNC_TEST_CALDAV_PASSWORD", "x", 1);
  }

  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "dav";
    instance.plugin = "caldav";
    instance.settings = s;
    config.plugins = {instance};
    return plugin_host::check_plugin_settings(config, catalog_);
  }

  static json good() {
    return {{"collection_url", "https://dav.school.example/dav/calendars/{calendar}/lob/"},
            {"username", "lobsync"},
            {"password", {{"env", "LOBSYNC_TEST_CALDAV_PASSWORD"}}}};
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

  plugin_host::PluginCatalog catalog_;
};

TEST_F(CaldavSettingsTest, GoodSettingsPass) {
  auto s = good();
  s["calendars"] = {{"decaan", "https://dav.school.example/dav/calendars/decaan/lob"}};
  s["create_missing"] = true;
  s["display_name"] = "LOB";
  s["timeout_seconds"] = 20;
  s["max_attempts"] = 5;
  s["school_timezone"] = "Europe/Brussels";
  EXPECT_TRUE(check(s).empty()) << dump(check(s));
  // Loopback may be plain http (the tests' servers), and calendars alone are enough.
  EXPECT_TRUE(check({{"calendars", {{"a", "http://127.0.0.1:5232/a/lob/"}}}}).empty());
}

TEST_F(CaldavSettingsTest, PlainHttpToAnotherHostNeedsAllowPlaintext) {
  auto s = good();
  s["collection_url"] = "http://dav.school.example/{calendar}/lob/";
  s["calendars"] = {{"a/b", "http://dav.school.example/x/"}};
  auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/dav/collection_url", "or set allow_plaintext")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/calendars/a~1b", "or set allow_plaintext")) << dump(problems);
  s["allow_plaintext"] = true;
  EXPECT_TRUE(check(s).empty()) << dump(check(s));
}

TEST_F(CaldavSettingsTest, TheTemplateNeedsTheCalendarInItsPath) {
  auto s = good();
  for (const char* bad : {"https://dav.school.example/dav/lob/", "https://{calendar}.school.example/lob/", "ftp://x/{calendar}/",
                          "https://dav.school.example/{calendar}/?x=1", "https://user@dav.school.example/{calendar}/"}) {
    s["collection_url"] = bad;
    EXPECT_FALSE(check(s).empty()) << bad;
    EXPECT_TRUE(has(check(s), "/plugins/dav/collection_url", "")) << bad << "\n" << dump(check(s));
  }
  s["collection_url"] = 5;
  EXPECT_TRUE(has(check(s), "/plugins/dav/collection_url", "must be a URL string")) << dump(check(s));
  s.erase("collection_url");
  EXPECT_TRUE(has(check(s), "/plugins/dav/collection_url", "missing")) << dump(check(s));
}

TEST_F(CaldavSettingsTest, CredentialsComeAsAPairAndThePasswordAsAReference) {
  auto s = good();
  s["password"] = "geheim";
  auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/dav/password", "must be a secret reference")) << dump(problems);
  EXPECT_EQ(dump(problems).find("geheim"), std::string::npos);
  s = good();
  s["username"] = "school:lobsync";
  EXPECT_TRUE(has(check(s), "/plugins/dav/username", "must not contain ':'"));
  s = good();
  s.erase("password");
  EXPECT_TRUE(has(check(s), "/plugins/dav/password", "required with username"));
  s = good();
  s.erase("username");
  EXPECT_TRUE(has(check(s), "/plugins/dav/username", "required with password"));
}

TEST_F(CaldavSettingsTest, TypesRangesAndUnknownSettings) {
  auto s = good();
  s["create_missing"] = "yes";
  s["allow_plaintext"] = 1;
  s["timeout_seconds"] = 0;
  s["max_attempts"] = 11;
  s["display_name"] = "";
  s["calendars"] = {{"a", 5}};
  s["colection_url"] = "typo";
  s["school_timezone"] = "Europe/Utrecht";
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/dav/create_missing", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/allow_plaintext", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/timeout_seconds", "from 1 to 600")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/max_attempts", "from 1 to 10")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/display_name", "non-empty")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/calendars/a", "must be a URL string")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/colection_url", "unknown setting")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/dav/school_timezone", "tz database")) << dump(problems);
}

TEST_F(CaldavSettingsTest, BadSettingsAlsoStopCreation) {
  const auto* loaded = catalog_.find("caldav");
  ASSERT_NE(loaded, nullptr);
  ManualClock clock(instant_from_unix_ms(0));
  net::HttpClient http;
  plugin_host::HostServices services(clock, http);
  std::string error;
  auto s = good();
  s["collection_url"] = "http://dav.school.example/{calendar}/";
  EXPECT_EQ(PluginInstance::create(*loaded, "dav", s, services, error), nullptr);
  EXPECT_NE(error.find("/collection_url"), std::string::npos) << error;
}

}  // namespace
}  // namespace lobsync::caldav_test::caldav_settings_test
