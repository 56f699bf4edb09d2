// Settings checks as `lobsync config check` runs them (plugin_host::check_plugin_settings), and
// the same settings refused when an instance is created. A password is never repeated.
#include "magister_fixture.h"

#include "config/config.h"
#include "plugin_host/settings_check.h"

namespace lobsync::magister_test::magister_settings_test {
namespace {

class MagisterSettingsTest : public MagisterTest {
 protected:
  std::vector<config::Problem> check(const json& settings) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "mag";
    instance.plugin = "magister";
    instance.settings = settings;
    config.plugins = {instance};
    return plugin_host::check_plugin_settings(config, catalog_);
  }

  static json swp() {
    return {{"mode", "swp"},
            {"url", "https://school.swp.nl:8800/doc"},
            {"username", "lobsync"},
            {"password", {{"env", "LOBSYNC_TEST_SWP_PASSWORD"}}},
            {"layouts", {{"parents", "ouders"}, {"mentors", "mentoren"}}}};
  }

  static std::string all(const std::vector<config::Problem>& problems) {
    std::string text;
    for (const auto& p : problems) text += p.path + ": " + p.message + "\n";
    return text;
  }
};

TEST_F(MagisterSettingsTest, GoodSettingsPass) {
  ::setenv("LOBSYNC_TEST_SWP_PASSWORD", "x", 1);
  EXPECT_TRUE(check(swp()).empty()) << all(check(swp()));
  test::ScratchDir exports;  // config check demands that the folder the plugin reads exists
  const json files{{"mode", "files"}, {"folder", exports.path().string()}, {"encoding", "windows-1252"}};
  EXPECT_TRUE(check(files).empty()) << all(check(files));
  EXPECT_TRUE(contains(all(check({{"mode", "files"}, {"folder", (exports / "gone").string()}})),
                       "/plugins/mag/folder: no such folder: " + (exports / "gone").string()));
}

TEST_F(MagisterSettingsTest, AnInlinePasswordIsRefusedWithoutRepeatingIt) {
  auto s = swp();
  s["password"] = "hunter2-Plain";
  const auto problems = check(s);
  ASSERT_EQ(problems.size(), 1u) << all(problems);
  EXPECT_EQ(problems[0].path, "/plugins/mag/password");
  EXPECT_TRUE(contains(problems[0].message, "secret reference")) << problems[0].message;
  EXPECT_FALSE(contains(all(problems), "hunter2"));

  // Creating the instance anyway fails the same way, again without the value.
  const auto read = this->read(s);
  EXPECT_EQ(read.result.status, lobsync::plugin_host::CallStatus::config);
  EXPECT_TRUE(contains(read.result.error, "/password")) << read.result.error;
  EXPECT_FALSE(contains(read.result.error, "hunter2"));
}

TEST_F(MagisterSettingsTest, PlainHttpOnlyForLoopback) {
  auto s = swp();
  s["password"] = {{"env", "HOME"}};
  s["url"] = "http://school.swp.nl:8800/doc";
  EXPECT_EQ(all(check(s)), "/plugins/mag/url: must be https:// (http:// is allowed only for 127.0.0.1, localhost and [::1])\n");
  s["url"] = "http://127.0.0.1:8800/doc";
  EXPECT_TRUE(check(s).empty()) << all(check(s));
  s["url"] = "https://school.swp.nl:8800/doc?Library=Algemeen";
  EXPECT_TRUE(contains(all(check(s)), "/plugins/mag/url: must not contain a query or fragment (the service address"))
      << all(check(s));
}

TEST_F(MagisterSettingsTest, EveryProblemIsNamedWithItsPath) {
  const auto problems = all(check({{"mode", "swp"},
                                   {"url", "https://x.swp.nl/doc"},
                                   {"layouts", {{"parents", ""}, {"teachers", "x"}}},
                                   {"encoding", "latin1"},
                                   {"columns", {{"students", {{"stamnummer", "x"}, {"student_number", nullptr}}}, {"klassen", {}}}},
                                   {"colums", {}}}));
  for (const char* expected :
       {"/plugins/mag/username: missing", "/plugins/mag/password: missing", "/plugins/mag/layouts/parents: must be",
        "/plugins/mag/layouts/teachers: unknown layout", "/plugins/mag/layouts/mentors: missing",
        "/plugins/mag/encoding: must be \"auto\", \"utf-8\" or \"windows-1252\"",
        "/plugins/mag/columns/students/stamnummer: unknown field (known: student_number, given_name",
        "/plugins/mag/columns/students/student_number: must be a non-empty string (cannot be switched off",
        "/plugins/mag/columns/klassen: unknown table", "/plugins/mag/colums: unknown setting"}) {
    EXPECT_TRUE(contains(problems, expected)) << expected << "\n" << problems;
  }
}

TEST_F(MagisterSettingsTest, ModeAndFolderAreRequired) {
  EXPECT_TRUE(contains(all(check(json::object())), "/plugins/mag/mode: missing"));
  EXPECT_TRUE(contains(all(check({{"mode", "sftp"}})), "/plugins/mag/mode: must be \"swp\" or \"files\""));
  EXPECT_TRUE(contains(all(check({{"mode", "files"}})), "/plugins/mag/folder: missing"));
  EXPECT_TRUE(contains(all(check({{"mode", "files"}, {"folder", "/x"}, {"files", {{"students", "../etc/passwd"}}}})),
                       "/plugins/mag/files/students: must be a file name inside the folder"));
}

TEST_F(MagisterSettingsTest, TimetableSourcesAreOptionalAndChecked) {
  auto s = swp();
  s["password"] = {{"env", "HOME"}};
  s["layouts"]["timetable"] = "lobsync_rooster";
  EXPECT_TRUE(check(s).empty()) << all(check(s));
  s["layouts"]["timetable"] = nullptr;
  EXPECT_TRUE(check(s).empty()) << all(check(s));
  s["layouts"]["timetable"] = "";
  EXPECT_TRUE(contains(all(check(s)), "/plugins/mag/layouts/timetable: must be a non-empty string")) << all(check(s));
  const json files{{"mode", "files"},
                   {"folder", "/x"},
                   {"files", {{"timetable", "sub/rooster.csv"}, {"rooster", "r.csv"}}},
                   {"columns", {{"timetable", {{"begin", "Van"}, {"staff_code", nullptr}}}}}};
  const auto problems = all(check(files));
  for (const char* expected : {"/plugins/mag/files/timetable: must be a file name inside the folder",
                               "/plugins/mag/files/rooster: unknown file (known: students, staff, parents, mentors, timetable)",
                               "/plugins/mag/columns/timetable/begin: unknown field (known: staff_code, date, start, end, status)",
                               "/plugins/mag/columns/timetable/staff_code: must be a non-empty string (cannot be switched off"}) {
    EXPECT_TRUE(contains(problems, expected)) << expected << "\n" << problems;
  }
}

}  // namespace
}  // namespace lobsync::magister_test::magister_settings_test
