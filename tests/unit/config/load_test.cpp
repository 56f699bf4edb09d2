// The config file: every problem names its JSON pointer; syntax errors name line and column.
#include "config/load.h"
#include "config/secrets.h"
#include "domain/school_holidays.h"
#include "plugin_host/settings_check.h"

#include "support/test_env.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include <sys/stat.h>

namespace lobsync::config::load_test {
namespace {

TEST(ConfigLoad, MinimalConfigGetsDefaults) {
  auto r = parse_text("{}", "/etc/lobsync/lobsync.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_EQ(r.config->timezone, "Europe/Amsterdam");
  EXPECT_EQ(r.config->store.driver, "sqlite");
  EXPECT_EQ(r.config->http.port, 8080);
  ASSERT_EQ(r.config->plugin_dirs.size(), 1u);
}

TEST(ConfigLoad, CommentsAndBomAreAccepted) {
  auto r = parse_text("\xEF\xBB\xBF// a comment\n{ /* block */ \"log\": {\"level\": \"debug\"} }", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_EQ(r.config->log_level, "debug");
}

TEST(ConfigLoad, RelativePathsAreRelativeToTheFile) {
  auto r = parse_text(R"({"store":{"path":"data/l.db"},"plugin_dirs":["../plugins"]})", "/srv/school/lobsync.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_EQ(r.config->store.path, "/srv/school/data/l.db");
  EXPECT_EQ(r.config->plugin_dirs.at(0), "/srv/plugins");
}

TEST(ConfigLoad, SyntaxErrorNamesLineAndColumn) {
  auto r = parse_text("{\n  \"a\": 1,\n  \"b\": [1,\n}\n", "/etc/x.json");
  ASSERT_FALSE(r.config);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].message.find("/etc/x.json:4:1"), std::string::npos) << r.problems[0].message;
}

TEST(ConfigLoad, ANumberTooLargeToReadIsAProblemNamingItsKey) {
  LoadResult r;
  ASSERT_NO_THROW(r = parse_text("{\"http\": {\"port\": 1e999}}", "/etc/x.json"));
  ASSERT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/http/port", "too large")) << problems_text(r);
}

// Found by tests/fuzz/config: a document that is nothing but such a number had a problem that
// named no place at all.
TEST(ConfigLoad, ANumberTooLargeAsTheWholeDocumentNamesTheFile) {
  const auto r = parse_text("8888e88888", "/etc/x.json");
  ASSERT_FALSE(r.config);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].path, "");
  EXPECT_EQ(r.problems[0].message.rfind("/etc/x.json: ", 0), 0u) << r.problems[0].message;
}

TEST(ConfigLoad, EmptyAndTruncatedFilesAreErrors) {
  EXPECT_FALSE(parse_text("", "x.json").config);
  EXPECT_FALSE(parse_text("{\"store\": {", "x.json").config);
  EXPECT_FALSE(parse_text("[]", "x.json").config);
}

TEST(ConfigLoad, EveryProblemHasItsPointer) {
  auto r = parse_text(R"({
    "stor": {},
    "school": {"timezone": "Mars/Olympus"},
    "log": {"level": "loud"},
    "store": {"driver": "oracle", "path": 3},
    "http": {"port": 70000, "threads": "two", "read_timeout_seconds": 0},
    "plugin_dirs": "plugins",
    "plugins": {"Bad Name": {}, "no-plugin": {"folder": "x"}, "not-object": 3, "a/b": {"plugin": 1}},
    "jobs": {"sync": {"at": "25:00", "extra": 1}, "cleanup": {"at": "01:00"}, "plan": {"catch_up_hours": -1}}
  })", "x.json");
  ASSERT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/stor", "unknown key")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/school/timezone", "unknown time zone"));
  EXPECT_TRUE(has_problem(r, "/log/level", "must be one of"));
  EXPECT_TRUE(has_problem(r, "/store/driver", "unknown store driver"));
  EXPECT_TRUE(has_problem(r, "/store/path", "must be a string"));
  EXPECT_TRUE(has_problem(r, "/http/port", "between 0 and 65535"));
  EXPECT_TRUE(has_problem(r, "/http/threads", "whole number"));
  EXPECT_TRUE(has_problem(r, "/http/read_timeout_seconds", "between 1"));
  EXPECT_TRUE(has_problem(r, "/plugin_dirs", "must be an array"));
  EXPECT_TRUE(has_problem(r, "/plugins/Bad Name", "instance names"));
  EXPECT_TRUE(has_problem(r, "/plugins/no-plugin/plugin", "missing"));
  EXPECT_TRUE(has_problem(r, "/plugins/not-object", "must be an object"));
  EXPECT_TRUE(has_problem(r, "/plugins/a~1b", "instance names"));
  EXPECT_TRUE(has_problem(r, "/jobs/sync/at", "HH:MM"));
  EXPECT_TRUE(has_problem(r, "/jobs/sync/extra", "unknown key"));
  EXPECT_TRUE(has_problem(r, "/jobs/cleanup", "unknown job"));
  EXPECT_TRUE(has_problem(r, "/jobs/plan/catch_up_hours", "between 0"));
  ASSERT_TRUE(r.partial);  // still enough to check plugins further
}

TEST(ConfigLoad, OutboxHasDefaultsAndTakesItsSettings) {
  auto defaults = parse_text("{}", "x.json");
  ASSERT_TRUE(defaults.config) << problems_text(defaults);
  EXPECT_EQ(defaults.config->outbox.lease, std::chrono::seconds(30));
  EXPECT_EQ(defaults.config->outbox.retry_period, std::chrono::hours(72));
  EXPECT_EQ(defaults.config->outbox.backoff_max, std::chrono::hours(1));  // a server back is used within the hour
  EXPECT_EQ(defaults.config->outbox.workers, 4u);
  EXPECT_TRUE(defaults.warnings.empty());

  auto r = parse_text(R"({"outbox": {"lease_seconds": 30, "retry_hours": 24, "backoff_base_seconds": 5,
    "backoff_max_seconds": 600, "batch": 7, "workers": 2, "poll_interval_seconds": 9}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& o = r.config->outbox;
  EXPECT_EQ(o.lease, std::chrono::seconds(30));
  EXPECT_EQ(o.retry_period, std::chrono::hours(24));
  EXPECT_EQ(o.backoff_base, std::chrono::seconds(5));
  EXPECT_EQ(o.backoff_max, std::chrono::seconds(600));
  EXPECT_EQ(o.batch, 7u);
  EXPECT_EQ(o.workers, 2u);
  EXPECT_EQ(o.poll_interval, std::chrono::seconds(9));
}

TEST(ConfigLoad, AChannelsConnectionsAreTheHostsNotThePlugins) {
  auto r = parse_text(R"({"plugins": {"smtp": {"plugin": "smtp", "host": "mail", "connections": 4},
                                      "files": {"plugin": "mail-folder", "folder": "x"}}})",
                      "/etc/x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  ASSERT_EQ(r.config->plugins.size(), 2u);
  for (const auto& p : r.config->plugins) {
    EXPECT_EQ(p.connections, p.instance == "smtp" ? 4u : 1u) << p.instance;
    EXPECT_FALSE(p.settings.contains("connections")) << "not handed to the plugin";
  }
  for (const auto* bad : {R"("connections": 0)", R"("connections": 17)", R"("connections": "4")"}) {
    const auto broken = parse_text(std::string(R"({"plugins": {"smtp": {"plugin": "smtp", )") + bad + "}}}", "/etc/x.json");
    EXPECT_FALSE(broken.config) << bad;
    EXPECT_TRUE(has_problem(broken, "/plugins/smtp/connections", "")) << problems_text(broken);
  }
}

TEST(ConfigLoad, MaxAttemptsStillLoadsWithADeprecationWarning) {
  // Configs written for earlier versions keep working; the count is no longer what ends an item.
  auto r = parse_text(R"({"outbox": {"max_attempts": 8, "workers": 2}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  EXPECT_EQ(r.config->outbox.workers, 2u);
  EXPECT_EQ(r.config->outbox.retry_period, std::chrono::hours(72));
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].path, "/outbox/max_attempts");
  EXPECT_NE(r.warnings[0].message.find("retry_hours"), std::string::npos) << r.warnings[0].message;
}

TEST(ConfigLoad, BadOutboxSettingsNameTheirPointer) {
  auto r = parse_text(R"({"outbox": {"lease": 30, "retry_hours": 0, "workers": "four", "batch": -1,
    "backoff_base_seconds": 120, "backoff_max_seconds": 60, "poll_interval_seconds": 1.5}})", "x.json");
  ASSERT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/outbox/lease", "unknown key")) << problems_text(r);
  EXPECT_TRUE(has_problem(r, "/outbox/retry_hours", "between 1"));
  EXPECT_TRUE(has_problem(r, "/outbox/workers", "whole number"));
  EXPECT_TRUE(has_problem(r, "/outbox/batch", "between 1"));
  EXPECT_TRUE(has_problem(r, "/outbox/backoff_max_seconds", "backoff_base_seconds"));
  EXPECT_TRUE(has_problem(r, "/outbox/poll_interval_seconds", "whole number"));
  EXPECT_TRUE(has_problem(parse_text(R"({"outbox": []})", "x.json"), "/outbox", "must be an object"));
}

TEST(ConfigLoad, WorkloadSettingsAreReadAndCheckedAgainstTheWeekdays) {
  auto defaults = parse_text("{}", "x.json");
  ASSERT_TRUE(defaults.config) << problems_text(defaults);
  EXPECT_EQ(defaults.config->planning.max_per_mentor_per_week, 15);
  EXPECT_EQ(defaults.config->planning.placement, domain::Placement::spread);
  EXPECT_TRUE(defaults.config->planning.public_holidays);

  auto r = parse_text(R"({"planning": {"max_per_mentor_per_week": 9, "placement": "earliest",
    "weekdays": ["mon", "tue", "thu"], "preferred_weekdays": ["thu"], "public_holidays": false}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  EXPECT_EQ(p.max_per_mentor_per_week, 9);
  EXPECT_EQ(p.placement, domain::Placement::earliest);
  EXPECT_EQ(p.preferred_weekdays, (std::vector<date::weekday>{date::Thursday}));
  EXPECT_FALSE(p.public_holidays);

  auto bad = parse_text(R"({"planning": {"max_per_mentor_per_week": 0, "placement": "fast",
    "weekdays": ["mon", "tue"], "preferred_weekdays": ["x", "fri", "tue"]}})", "x.json");
  ASSERT_FALSE(bad.config);
  EXPECT_TRUE(has_problem(bad, "/planning/max_per_mentor_per_week", "between 1")) << problems_text(bad);
  EXPECT_TRUE(has_problem(bad, "/planning/placement", "spread"));
  EXPECT_TRUE(has_problem(bad, "/planning/preferred_weekdays/1", "planning.weekdays"));
  EXPECT_TRUE(has_problem(bad, "/planning/preferred_weekdays/0", "one of mon"));
}

TEST(ConfigLoad, TheSchoolsRegionBringsTheNationalHolidaysAndTypedOnesComeOnTop) {
  auto none = parse_text("{}", "x.json");
  ASSERT_TRUE(none.config) << problems_text(none);
  EXPECT_TRUE(none.config->planning.holidays.empty());
  EXPECT_EQ(none.config->planning.holiday_region, "");

  auto r = parse_text(R"({"school": {"region": "zuid"},
    "planning": {"holidays": [{"name": "Carnaval", "from": "2027-02-08", "to": "2027-02-12"}]}})", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  const auto& p = r.config->planning;
  EXPECT_EQ(p.holiday_region, "zuid");
  const auto has = [&](const std::string& name, date::year_month_day from) {
    return std::any_of(p.holidays.begin(), p.holidays.end(), [&](const auto& h) { return h.name == name && h.from == from; });
  };
  EXPECT_TRUE(has("Voorjaarsvakantie", date::year{2027} / 2 / 13));
  EXPECT_FALSE(has("Voorjaarsvakantie", date::year{2027} / 2 / 20));  // noord's and midden's
  EXPECT_TRUE(has("Carnaval", date::year{2027} / 2 / 8));
  EXPECT_EQ(p.holidays.size(), domain::national_school_holidays(domain::HolidayRegion::zuid).size() + 1);

  auto bad = parse_text(R"({"school": {"region": "Noord-Brabant"}})", "x.json");
  ASSERT_FALSE(bad.config);
  EXPECT_TRUE(has_problem(bad, "/school/region", "\"noord\", \"midden\" or \"zuid\"")) << problems_text(bad);
  auto wrong_type = parse_text(R"({"school": {"region": 2}})", "x.json");
  EXPECT_TRUE(has_problem(wrong_type, "/school/region", "must be a string")) << problems_text(wrong_type);
}

TEST(ConfigLoad, MissingFileIsNamed) {
  auto r = load_file("/nonexistent/lobsync.json");
  ASSERT_FALSE(r.config);
  EXPECT_NE(r.problems.at(0).message.find("/nonexistent/lobsync.json"), std::string::npos);
}

TEST(Secrets, EnvAndFileReferences) {
  test::ScratchDir dir;
  test::write_secret_file(dir / "s", "from-file\n");
  ::setenv("LOBSYNC_TEST_SECRET", "from-env", 1);
  EXPECT_EQ(resolve_secret({{"env", "LOBSYNC_TEST_SECRET"}}).value, "from-env");
  EXPECT_EQ(resolve_secret({{"file", (dir / "s").string()}}).value, "from-file");
  auto missing = resolve_secret({{"file", (dir / "none").string()}});
  EXPECT_FALSE(missing.value);
  EXPECT_NE(missing.error.find("none"), std::string::npos);
  EXPECT_FALSE(is_secret_reference({{"env", "X"}, {"file", "Y"}}));
  EXPECT_FALSE(is_secret_reference("inline"));
}

TEST(Secrets, AFileOthersOrItsGroupCanReadIsRefusedNamingTheFix) {
  test::ScratchDir dir;
  const auto file = dir / "smtp-password";
  const mode_t saved = ::umask(0);  // as outside systemd at worst: files come out 0666
  test::write_file(file, "s3cr3t-value\n");
  ::umask(saved);
  ASSERT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::others_read);
  const auto refused = resolve_secret({{"file", file.string()}});
  EXPECT_FALSE(refused.value);
  EXPECT_NE(refused.error.find(file.string()), std::string::npos) << refused.error;
  EXPECT_NE(refused.error.find("chmod 600 " + file.string()), std::string::npos) << refused.error;
  EXPECT_EQ(refused.error.find("s3cr3t"), std::string::npos) << "never the secret itself";

  // Readable by the owner's group: refused too (the owner is the daemon's user, so 0600 suffices).
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                                         std::filesystem::perms::group_read);
  const auto group = resolve_secret({{"file", file.string()}});
  EXPECT_FALSE(group.value);
  EXPECT_NE(group.error.find("chmod 600"), std::string::npos) << group.error;

  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(resolve_secret({{"file", file.string()}}).value, "s3cr3t-value");
  std::filesystem::permissions(file, std::filesystem::perms::owner_read);
  EXPECT_EQ(resolve_secret({{"file", file.string()}}).value, "s3cr3t-value");

  // The config check names the setting as well.
  std::filesystem::permissions(file, std::filesystem::perms::all);
  auto r = parse_text(R"({"http": {"admin_token": {"file": ")" + file.string() + R"("}}})", "x.json");
  EXPECT_TRUE(has_problem(r, "/http/admin_token", "chmod 600")) << problems_text(r);
}

TEST(PluginSettingsCheck, NamesThePathOfABadPluginSetting) {
  ::unsetenv("LOBSYNC_TEST_UNSET");
  auto r = parse_text(R"({
    "plugins": {
      "somtoday-main": {"plugin": "mail-folder", "folder": "x", "client_secret": {"env": "LOBSYNC_TEST_UNSET"}},
      "mail": {"plugin": "mail-folder", "folder": 7},
      "ghost": {"plugin": "does-not-exist"}
    }
  })", "x.json");
  ASSERT_TRUE(r.config) << problems_text(r);
  r.config->plugin_dirs = {test::plugin_dir()};
  const auto problems = plugin_host::check_plugin_settings(*r.config, plugin_host::PluginCatalog::scan(r.config->plugin_dirs));
  LoadResult checked;
  checked.problems = problems;
  EXPECT_TRUE(has_problem(checked, "/plugins/somtoday-main/client_secret", "LOBSYNC_TEST_UNSET")) << problems_text(checked);
  EXPECT_TRUE(has_problem(checked, "/plugins/somtoday-main/client_secret", "unknown setting"));
  EXPECT_TRUE(has_problem(checked, "/plugins/mail/folder", "non-empty folder"));
  EXPECT_TRUE(has_problem(checked, "/plugins/ghost/plugin", "unknown plugin 'does-not-exist'"));
}

}  // namespace
}  // namespace lobsync::config::load_test
