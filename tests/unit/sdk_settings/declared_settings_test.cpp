// lobsync/settings.hpp: the declared-settings engine every plugin uses. One declaration with one
// setting of each kind, checked the way validate_config (Depth::environment) and create()
// (parse, Depth::shape) check it.
#include <lobsync/encoding_setting.hpp>
#include <lobsync/settings.hpp>

#include "support/test_env.h"

#include <gtest/gtest.h>

namespace lobsync::sdk::settings::sdk_settings_declared_settings_test {
namespace {

using nlohmann::json;

std::string needs_x(const json& v) { return v.get<std::string>().find('x') != std::string::npos ? "" : "must contain an x"; }

const Declaration& declaration() {
  static const Declaration d{
      {
          text("name").required().describe("who"),
          text("mode").one_of({"a", "b"}).default_to("a"),
          integer("port").range(1, 65535).default_to(587),
          integer("count"),
          boolean("loud").default_to(false),
          path("input", PathUse::read_folder),
          path("archive", PathUse::read_file),
          path("export", PathUse::read_file_or_folder),
          path("output", PathUse::output_folder),
          secret("password").together_with("user"),
          text("user").together_with("password"),
          time_zone("zone").default_to("Europe/Amsterdam"),
          url("api").default_to("https://api.example/v1"),
          url("hook").plaintext_allowed_by("plain").without_query(),
          boolean("plain").default_to(false),
          list("ids", text("").check(needs_x)).hint("of ids"),
          map("calendars", url("")),
          object("layouts", {text("parents").required().or_null(), text("mentors").or_null()}).keys_named("layout"),
          text("grades").one_of({"none", "us"}).or_instead(map("", integer("").range(1, 6))),
          text("folder").required_when("mode", "b"),
          lobsync::sdk::encoding_setting("utf-8"),
      },
      {[](const Values& values, Problems& problems) {
        if (values.boolean("loud") && values.integer("count") == 0) problems.add("/count", "needed when loud");
      }}};
  return d;
}

std::vector<Problems::Item> problems_of(const json& settings, Depth depth = Depth::environment) {
  Problems problems;
  check(declaration(), settings, problems, depth);
  return problems.items();
}

// The message at `path`, or a text saying there is none (so a failing test shows what was found).
std::string at(const std::vector<Problems::Item>& problems, const std::string& path) {
  std::string all;
  for (const auto& p : problems) {
    if (p.path == path) return p.message;
    all += " " + p.path;
  }
  return "(none at " + path + "; problems at:" + all + ")";
}

json good() { return {{"name", "Anna"}}; }

json with(json settings, const std::string& key, json value) {
  settings[key] = std::move(value);
  return settings;
}

TEST(SdkDeclaredSettings, GoodSettingsHaveNoProblems) {
  test::ScratchDir dir;
  test::write_file(dir / "a.zip", "zip");
  json s = good();
  s.update({{"mode", "b"}, {"folder", "f"}, {"port", 25}, {"count", -3}, {"loud", true}, {"input", dir.path().string()},
            {"archive", (dir / "a.zip").string()}, {"export", (dir / "a.zip").string()}, {"output", (dir / "new").string()},
            {"password", {{"file", "/etc/secret"}}}, {"user", "u"}, {"zone", "America/Curacao"},
            {"api", "HTTPS://api.example"}, {"hook", "http://10.0.0.1/in"}, {"plain", true}, {"ids", {"x1", "x2"}},
            {"calendars", {{"a/b", "https://dav.example/a/"}}}, {"layouts", {{"parents", nullptr}}},
            {"grades", {{"07", 1}}}, {"encoding", "UTF8"}});
  EXPECT_TRUE(problems_of(s).empty()) << at(problems_of(s), "?");
}

TEST(SdkDeclaredSettings, AnUnknownKeyIsRefusedWithTheNameMeant) {
  const auto problems = problems_of(with(good(), "naem", "x"));
  EXPECT_EQ(at(problems, "/naem"), "unknown setting; did you mean \"name\"?");
  const auto far = problems_of(with(good(), "colour", "x"));
  EXPECT_EQ(at(far, "/colour").rfind("unknown setting (known: name, mode, port,", 0), 0u) << at(far, "/colour");
  // Inside an object too, with the object's own word for its keys.
  const auto nested = problems_of(with(good(), "layouts", {{"parents", "p"}, {"mentrs", "m"}}));
  EXPECT_EQ(at(nested, "/layouts/mentrs"), "unknown layout; did you mean \"mentors\"?");
}

TEST(SdkDeclaredSettings, MissingRequiredSettingsAreNamed) {
  EXPECT_EQ(at(problems_of(json::object()), "/name"), "missing: who");
  EXPECT_EQ(at(problems_of(with(good(), "layouts", json::object())), "/layouts/parents"), "missing");
  // Required only while another setting has a value.
  EXPECT_EQ(at(problems_of(with(good(), "mode", "b")), "/folder"), "missing (required when mode is \"b\")");
  EXPECT_TRUE(problems_of(with(good(), "mode", "a")).empty());
  // Given only together.
  EXPECT_EQ(at(problems_of(with(good(), "user", "u")), "/password"), "missing (required with user)");
  EXPECT_EQ(at(problems_of(with(good(), "password", {{"env", "P"}})), "/user"), "missing (required with password)");
}

TEST(SdkDeclaredSettings, EachTypeRefusesTheWrongJsonType) {
  const json wrong{{"name", 1},         {"port", "587"},     {"loud", "yes"},  {"input", ""},     {"zone", 7},
                   {"api", 1},          {"ids", "x"},        {"calendars", 1}, {"layouts", true}, {"count", 1.5},
                   {"grades", true},    {"encoding", false}};
  const auto problems = problems_of(wrong);
  EXPECT_EQ(at(problems, "/name"), "must be a non-empty string");
  EXPECT_EQ(at(problems, "/port"), "must be an integer from 1 to 65535");
  EXPECT_EQ(at(problems, "/count"), "must be an integer");
  EXPECT_EQ(at(problems, "/loud"), "must be true or false");
  EXPECT_EQ(at(problems, "/input"), "must be a non-empty folder name");
  EXPECT_EQ(at(problems, "/zone"), "must be a time zone name of the tz database, e.g. Europe/Amsterdam");
  EXPECT_EQ(at(problems, "/api"), "must be a URL string");
  EXPECT_EQ(at(problems, "/ids"), "must be a list of ids");
  EXPECT_EQ(at(problems, "/calendars"), "must be an object");
  EXPECT_EQ(at(problems, "/layouts"), "must be an object");
  EXPECT_EQ(at(problems, "/grades"), "must be \"none\" or \"us\"");
  EXPECT_EQ(at(problems, "/encoding"), "must be \"auto\", \"utf-8\" or \"windows-1252\"");
  EXPECT_EQ(problems.size(), wrong.size());  // one problem per bad key
}

TEST(SdkDeclaredSettings, RangesAndAllowedValues) {
  EXPECT_EQ(at(problems_of(with(good(), "port", 0)), "/port"), "must be an integer from 1 to 65535");
  EXPECT_EQ(at(problems_of(with(good(), "port", 65536)), "/port"), "must be an integer from 1 to 65535");
  EXPECT_TRUE(problems_of(with(good(), "port", 65535)).empty());
  EXPECT_EQ(at(problems_of(with(good(), "mode", "c")), "/mode"), "must be \"a\" or \"b\"");
  EXPECT_EQ(at(problems_of(with(good(), "encoding", "latin1")), "/encoding"),
            "must be \"auto\", \"utf-8\" or \"windows-1252\"");
}

TEST(SdkDeclaredSettings, SecretReferencesOnlyInTheirTwoFormsAndNeverEchoed) {
  for (const json& ok : {json{{"env", "NAME"}}, json{{"file", "/etc/lobsync/x"}}}) {
    EXPECT_TRUE(problems_of(with(with(good(), "user", "u"), "password", ok)).empty()) << ok;
  }
  for (const json& bad : {json("hunter2-secret"), json{{"env", ""}}, json{{"env", 1}}, json{{"vault", "hunter2-secret"}},
                          json{{"env", "A"}, {"file", "/b"}}, json::array({"hunter2-secret"})}) {
    const auto problems = problems_of(with(with(good(), "user", "u"), "password", bad));
    EXPECT_EQ(at(problems, "/password"),
              R"(must be a secret reference: {"env":"NAME"} or {"file":"/path"}, not the secret itself)")
        << bad;
  }
}

TEST(SdkDeclaredSettings, PathsAPluginReadsMustExistOnlyWhenTheMachineIsChecked) {
  test::ScratchDir dir;
  test::write_file(dir / "file.txt", "x");
  const json s{{"name", "n"}, {"input", (dir / "file.txt").string()}, {"archive", dir.path().string()},
               {"export", (dir / "gone").string()}, {"output", (dir / "later/out").string()}};
  const auto problems = problems_of(s);
  EXPECT_EQ(at(problems, "/input"), "no such folder: " + (dir / "file.txt").string());
  EXPECT_EQ(at(problems, "/archive"), "no such file: " + dir.path().string());
  EXPECT_EQ(at(problems, "/export"), "no such folder or file: " + (dir / "gone").string());
  EXPECT_EQ(problems.size(), 3u);  // an output folder is created, so it need not exist
  // create() checks the shape only: a share mounted later is read when it is there.
  EXPECT_TRUE(problems_of(s, Depth::shape).empty());
}

TEST(SdkDeclaredSettings, TimeZonesComeFromTheTzDatabase) {
  EXPECT_EQ(at(problems_of(with(good(), "zone", "Europe/Amsterdan")), "/zone"),
            "must be a time zone name of the tz database, e.g. Europe/Amsterdam");
  EXPECT_TRUE(problems_of(with(good(), "zone", "UTC")).empty());
}

TEST(SdkDeclaredSettings, UrlsAreHttpsUnlessLoopbackOrAllowed) {
  EXPECT_EQ(at(problems_of(with(good(), "api", "http://api.example")), "/api"),
            "must be https:// (http:// is allowed only for 127.0.0.1, localhost and [::1])");
  EXPECT_TRUE(problems_of(with(good(), "api", "http://127.0.0.1:8080/v1")).empty());
  EXPECT_EQ(at(problems_of(with(good(), "api", "https://user@api.example")), "/api"), "must not contain user info");
  EXPECT_EQ(at(problems_of(with(good(), "hook", "http://hooks.example/in")), "/hook"),
            "must be https:// (http:// is allowed only for 127.0.0.1, localhost and [::1]), or set allow_plaintext");
  EXPECT_TRUE(problems_of(with(with(good(), "plain", true), "hook", "http://hooks.example/in")).empty());
  EXPECT_EQ(at(problems_of(with(good(), "hook", "https://hooks.example/in?token=1")), "/hook"),
            "must not contain a query or fragment");
}

TEST(SdkDeclaredSettings, ListsObjectsAndAlternativesAreCheckedInside) {
  const json s{{"name", "n"},
               {"ids", {"x", "y", 3}},
               {"calendars", {{"a/b", "ftp://dav.example/"}, {"ok", "https://dav.example/ok/"}}},
               {"layouts", {{"parents", ""}, {"mentors", nullptr}}},
               {"grades", {{"07", 1}, {"08", 9}}}};
  const auto problems = problems_of(s);
  EXPECT_EQ(at(problems, "/ids/1"), "must contain an x");
  EXPECT_EQ(at(problems, "/ids/2"), "must be a non-empty string");
  EXPECT_EQ(at(problems, "/calendars/a~1b"), "must be an https:// URL");
  EXPECT_EQ(at(problems, "/layouts/parents"), "must be a non-empty string, or null to switch it off");
  EXPECT_EQ(at(problems, "/grades/08"), "must be an integer from 1 to 6");
  EXPECT_EQ(problems.size(), 5u);
  EXPECT_EQ(at(problems_of(with(good(), "grades", "uk")), "/grades"), "must be \"none\" or \"us\"");
}

TEST(SdkDeclaredSettings, RulesBetweenSettingsRunAfterwards) {
  EXPECT_EQ(at(problems_of(with(good(), "loud", true)), "/count"), "needed when loud");
  EXPECT_TRUE(problems_of(with(with(good(), "loud", true), "count", 2)).empty());
}

TEST(SdkDeclaredSettings, SettingsThatAreNotAnObjectAreOneProblem) {
  const auto problems = problems_of(json::array());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "");
}

TEST(SdkDeclaredSettings, ParseGivesValuesWithDefaultsAndSpellings) {
  const auto values = parse(declaration(), {{"name", "Anna"}, {"encoding", "CP1252"}, {"ids", {"x1"}}, {"port", 25}});
  EXPECT_EQ(values.text("name"), "Anna");
  EXPECT_EQ(values.text("mode"), "a");
  EXPECT_EQ(values.integer("port"), 25);
  EXPECT_EQ(values.integer<long long>("count"), 0);
  EXPECT_FALSE(values.boolean("loud"));
  EXPECT_EQ(values.text("zone"), "Europe/Amsterdam");
  EXPECT_EQ(values.text("encoding"), "windows-1252");
  EXPECT_EQ(values.texts("ids"), std::vector<std::string>{"x1"});
  EXPECT_TRUE(values.given("port"));
  EXPECT_FALSE(values.given("zone"));
  EXPECT_EQ(values.text_or_null("user"), std::nullopt);
}

TEST(SdkDeclaredSettings, ParseRefusesBadSettingsNamingEveryProblem) {
  try {
    (void)parse(declaration(), {{"port", 0}, {"naem", "x"}});
    FAIL() << "parse accepted bad settings";
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), LOBSYNC_E_CONFIG);
    const std::string what = e.what();
    for (const char* part : {"/naem: unknown setting", "/name: missing", "/port: must be an integer from 1 to 65535"}) {
      EXPECT_NE(what.find(part), std::string::npos) << what;
    }
  }
}

TEST(SdkDeclaredSettings, TheDeclarationAsJsonForTheHost) {
  const auto j = to_json(declaration().settings);
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j[0], (json{{"key", "name"}, {"type", "string"}, {"required", true}, {"description", "who"}}));
  EXPECT_EQ(j[2], (json{{"key", "port"}, {"type", "integer"}, {"required", false}, {"default", 587}, {"min", 1}, {"max", 65535}}));
  EXPECT_EQ(j[5]["path_use"], "read_folder");
  EXPECT_EQ(j[9]["together_with"], "user");
  EXPECT_EQ(j[13]["plaintext_switch"], "plain");
  EXPECT_EQ(j[15]["item"]["type"], "string");
  EXPECT_EQ(j[17]["members"][0]["nullable"], true);
  EXPECT_EQ(j[18]["alternative"]["item"]["max"], 6);
  EXPECT_EQ(j[19]["required_when"], (json{{"key", "mode"}, {"value", "b"}}));
}

TEST(DidYouMean, SwappedLettersCountOnceAndFarNamesAreNotSuggested) {
  EXPECT_EQ(edit_distance("paht", "path"), 1u);
  EXPECT_EQ(edit_distance("colection_url", "collection_url"), 1u);
  EXPECT_EQ(closest_name("paht", {"encoding", "path", "version"}), "path");
  EXPECT_EQ(closest_name("hots", {"host", "port"}), "host");
  EXPECT_EQ(closest_name("url", {"uri", "id"}), "uri");
  EXPECT_EQ(closest_name("begin", {"staff_code", "date", "start", "end", "status"}), std::nullopt);
  EXPECT_EQ(closest_name("x", {"", "y"}), "y");
  EXPECT_EQ(closest_index("ab", {""}), std::nullopt);
}

}  // namespace
}  // namespace lobsync::sdk::settings::sdk_settings_declared_settings_test
