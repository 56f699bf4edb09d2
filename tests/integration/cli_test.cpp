// The command-line contract: exit codes, JSON shapes and messages an administrator relies on.
#include "daemon_fixture.h"

#include <gtest/gtest.h>

namespace lobsync::test::cli_test {
namespace {

using nlohmann::json;

TEST(Cli, VersionAndHelp) {
  auto v = lobsync({"version", "--json"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(json::parse(v.out)["abi"], "1.1");
  EXPECT_EQ(lobsync({"--help"}).exit_code, 0);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(lobsync({}).exit_code, 2);
  EXPECT_EQ(lobsync({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(lobsync({"status", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(lobsync({"plugins", "--log-level", "loud"}).exit_code, 2);
}

TEST(Cli, PluginsJsonListsLoadedAndRefusedPlugins) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugin_dirs"] = {plugin_dir().string(), bad_plugin_dir().string()};
  const auto file = write_config(dir, config);
  auto r = lobsync({"plugins", "--config", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto list = json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  bool mail_loaded = false, not_elf_refused = false, duplicate_refused = false;
  for (const auto& p : list) {
    for (const char* key : {"name", "version", "abi", "capabilities", "path", "status"}) ASSERT_TRUE(p.contains(key)) << p;
    if (p["name"] == "mail-folder" && p["status"] == "loaded") {
      mail_loaded = true;
      EXPECT_EQ(p["capabilities"], json::array({"mailer"}));
      EXPECT_EQ(p["abi"], "1.1");
    }
    const auto path = p["path"].get<std::string>();
    if (path.ends_with("lobsync-not-elf.so")) {
      not_elf_refused = p["status"] == "refused" && p["error"].get<std::string>().find("not a shared object") != std::string::npos;
    }
    if (path.ends_with("lobsync-zz-duplicate.so")) {
      duplicate_refused = p["status"] == "refused" && p["error"].get<std::string>().find("duplicate") != std::string::npos;
    }
  }
  EXPECT_TRUE(mail_loaded);
  EXPECT_TRUE(not_elf_refused);
  EXPECT_TRUE(duplicate_refused);
}

TEST(Cli, PluginsWithoutConfigListsAFolder) {
  auto r = lobsync({"plugins", "--plugin-dir", plugin_dir().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("loaded   mail-folder"), std::string::npos) << r.out;
}

TEST(Cli, ConfigCheckAcceptsAGoodConfig) {
  ScratchDir dir;
  auto r = lobsync({"config", "check", write_config(dir, base_config(dir))});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("config OK"), std::string::npos);
}

TEST(Cli, ConfigCheckNamesTheJsonPathOfABadPluginSetting) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugins"]["somtoday-main"] = {{"plugin", "mail-folder"}, {"folder", (dir / "x").string()},
                                        {"client_secret", {{"env", "LOBSYNC_TEST_NEVER_SET"}}}};
  const auto file = write_config(dir, config);
  auto r = lobsync({"config", "check", file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/plugins/somtoday-main/client_secret"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("LOBSYNC_TEST_NEVER_SET"), std::string::npos) << r.err;

  auto j = lobsync({"config", "check", file, "--json"});
  EXPECT_EQ(j.exit_code, 2);
  const auto report = json::parse(j.out);
  EXPECT_FALSE(report["ok"].get<bool>());
  EXPECT_EQ(report["problems"][0]["path"], "/plugins/somtoday-main/client_secret");
}

TEST(Cli, ConfigCheckWarnsWhenTheSchoolYearHasNoHolidays) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["planning"]["holidays"] = json::array();  // whatever the base has: none this school year
  auto none = lobsync({"config", "check", write_config(dir, config), "--json"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  const auto warnings = json::parse(none.out)["warnings"].dump();
  EXPECT_NE(warnings.find("/planning/holidays: planning.holidays lists no holiday in school year"), std::string::npos)
      << warnings;

  // A holiday in every school year around today silences it.
  for (int y = 2000; y < 2100; ++y)
    config["planning"]["holidays"].push_back({{"name", "Kerstvakantie"},
                                              {"from", std::to_string(y) + "-12-24"},
                                              {"to", std::to_string(y + 1) + "-01-02"}});
  auto some = lobsync({"config", "check", write_config(dir, config), "--json"});
  EXPECT_EQ(some.exit_code, 0) << some.err;
  EXPECT_EQ(json::parse(some.out)["warnings"].dump().find("/planning/holidays"), std::string::npos) << some.out;
}

TEST(Cli, ConfigCheckReportsSyntaxErrorsWithLine) {
  ScratchDir dir;
  write_file(dir / "broken.json", "{\n  \"store\": {\"path\": \"x\"},\n  \"http\": {\"port\": 80,}\n}\n");
  auto r = lobsync({"config", "check", (dir / "broken.json").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.json:3:"), std::string::npos) << r.err;
}

TEST(Cli, ConfigCheckOfAMissingFileExitsTwo) {
  auto r = lobsync({"config", "check", "/nonexistent/lobsync.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/lobsync.json"), std::string::npos);
}

TEST(Cli, RunOnceAndStatusUseTheStore) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["jobs"] = {{"sync", {{"at", "02:30"}}}, {"plan", {{"at", "05:00"}}}, {"dispatch", {{"at", "07:00"}}}};
  const auto file = write_config(dir, config);
  auto r = lobsync({"run-once", "--config", file, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = json::parse(r.out);
  EXPECT_TRUE(report["ready"].get<bool>());
  EXPECT_EQ(report["runs"][0]["job"], "sync");
  EXPECT_EQ(report["runs"][0]["outcome"], "ok");
  EXPECT_EQ(report["runs"][0]["detail"], "no roster sources configured");
  EXPECT_EQ(report["runs"][1]["job"], "plan");
  EXPECT_EQ(report["runs"][1]["outcome"], "ok");
  EXPECT_NE(report["runs"][1]["detail"].get<std::string>().find("0 planned"), std::string::npos) << report.dump();
  EXPECT_EQ(report["runs"][2]["job"], "dispatch");
  EXPECT_EQ(report["runs"][2]["outcome"], "ok");
  EXPECT_EQ(report["runs"][2]["detail"], "0 sent, 0 dead, 0 to retry later");
  EXPECT_TRUE(std::filesystem::exists(dir / "state/lobsync.db"));

  auto s = lobsync({"status", "--config", file, "--json"});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const auto status = json::parse(s.out);
  EXPECT_EQ(status["store"]["driver"], "sqlite");
  EXPECT_GE(status["store"]["schema_version"].get<int>(), 1);
  EXPECT_EQ(status["readiness"]["status"], "ready");
  EXPECT_TRUE(status["outbox"].is_object());
}

TEST(Cli, RunOnceFailsWhenAPluginInstanceCannotStart) {
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  config["plugins"]["broken"] = {{"plugin", "test-init-fails"}};
  auto r = lobsync({"run-once", "--config", write_config(dir, config)});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("NOT RUNNING"), std::string::npos) << r.out;
}

TEST(Cli, DemoConfigIsValid) {
  // config/demo.json points at build/plugins; check it against the plugins as built here.
  auto demo = json::parse(read_file(source_dir() / "config/demo.json"), nullptr, true, true);
  ScratchDir dir;
  demo["plugin_dirs"] = {plugin_dir().string()};
  demo["store"]["path"] = (dir / "demo.db").string();
  // The roster path is relative to the repository root, where the demo runs; config check
  // demands that a folder the plugin reads exists.
  demo["plugins"]["demo-roster"]["path"] = (source_dir() / "config/demo/roster").string();
  auto r = lobsync({"config", "check", write_config(dir, demo)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace lobsync::test::cli_test

namespace lobsync::test::cli_test {
namespace {

TEST(Cli, ExampleConfigIsValid) {
  auto example = nlohmann::json::parse(read_file(source_dir() / "config/lobsync.example.json"), nullptr, true, true);
  ScratchDir dir;
  example["plugin_dirs"] = {plugin_dir().string()};
  auto r = lobsync({"config", "check", write_config(dir, example)});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace lobsync::test::cli_test

namespace lobsync::test::cli_test {
namespace {

// `lobsync sync` as the contract states it: one JSON object per source, exit 0 / 3 / 1.
class CliSync : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = base_config(dir_);
    config_["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config_["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()},
                                    {"sync", {{"max_removed_percent", 10}}}};
    file_ = write_config(dir_, config_);
  }
  void roster(int students) {
    std::string text = R"({"kind":"group","source_id":"g1","name":"1A","year":1})" "\n";
    for (int i = 0; i < students; ++i) {
      text += R"({"kind":"student","source_id":"s)" + std::to_string(i) +
              R"(","given_name":"Zoë","family_name":"Özdemir","group":"g1"})" "\n";
    }
    write_file(dir_ / "roster.jsonl", text);
  }
  ScratchDir dir_;
  json config_;
  std::string file_;
};

TEST_F(CliSync, AppliesHoldsAndApproves) {
  roster(30);
  auto first = lobsync({"sync", "--config", file_, "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto result = json::parse(first.out);
  EXPECT_EQ(result["source"], "school");
  EXPECT_EQ(result["status"], "applied");
  EXPECT_EQ(result["counts"]["students"]["added"], 30);
  for (const char* entity : {"students", "guardians", "staff", "groups"}) EXPECT_TRUE(result["counts"].contains(entity));

  roster(3);  // a truncated export
  auto held = lobsync({"sync", "--config", file_, "--json"});
  EXPECT_EQ(held.exit_code, 3);
  result = json::parse(held.out);
  EXPECT_EQ(result["status"], "held");
  EXPECT_TRUE(result["reason"].get<std::string>().find("would remove 27 of 30 students") != std::string::npos) << result;
  const auto run_id = result["run_id"].get<std::int64_t>();

  auto status = lobsync({"status", "--config", file_});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_NE(status.out.find("roster school: held (run " + std::to_string(run_id) + ")"), std::string::npos) << status.out;

  auto approved = lobsync({"sync", "--config", file_, "--approve", std::to_string(run_id), "--json"});
  EXPECT_EQ(approved.exit_code, 0) << approved.out << approved.err;
  EXPECT_EQ(json::parse(approved.out)["status"], "applied");
  EXPECT_EQ(json::parse(approved.out)["counts"]["students"]["removed"], 27);
}

TEST_F(CliSync, DryRunAndUnknownSource) {
  roster(5);
  auto dry = lobsync({"sync", "--config", file_, "--dry-run", "--json"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(json::parse(dry.out)["status"], "dry-run");
  auto text = lobsync({"sync", "--config", file_, "--dry-run"});
  EXPECT_NE(text.out.find("source school: dry-run"), std::string::npos) << text.out;
  EXPECT_EQ(lobsync({"sync", "--config", file_, "--source", "nope"}).exit_code, 2);
}

TEST_F(CliSync, FailedSourceExitsOne) {
  config_["plugins"]["school"]["fail_after"] = 2;
  roster(5);
  auto r = lobsync({"sync", "--config", write_config(dir_, config_), "--json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(json::parse(r.out)["status"], "failed");
}

TEST_F(CliSync, OutsideTheWindowNeedsForce) {
  // A one-minute window that is never now: one minute behind the current local time.
  config_["plugins"]["school"]["sync"]["window"] = "00:00-00:01";
  roster(5);
  const auto file = write_config(dir_, config_);
  auto r = lobsync({"sync", "--config", file, "--json"});
  // Either we are in that minute (rare) or the read is refused; --force always reads.
  if (r.exit_code == 1) {
    EXPECT_NE(json::parse(r.out)["reason"].get<std::string>().find("--force"), std::string::npos);
  }
  EXPECT_EQ(lobsync({"sync", "--config", file, "--force", "--json"}).exit_code, 0);
}

}  // namespace
}  // namespace lobsync::test::cli_test

namespace lobsync::test::cli_test {
namespace {

TEST_F(CliSync, AdministratorsGetAReportOfAHeldRunOnce) {
  config_["admin"] = {{"email", {"it@school.example"}}, {"from", "lobsync@school.example"}, {"mailer", "mail"}};
  const auto file = write_config(dir_, config_);
  roster(30);
  ASSERT_EQ(lobsync({"sync", "--config", file}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "mail") && !std::filesystem::is_empty(dir_ / "mail"));  // applied: no mail
  roster(2);
  auto held = lobsync({"sync", "--config", file, "--json"});
  ASSERT_EQ(held.exit_code, 3) << held.err;
  std::vector<std::filesystem::path> mails;
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "mail")) mails.push_back(e.path());
  ASSERT_EQ(mails.size(), 1u);
  const std::string script = R"(
import sys, email, email.policy
msg = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
print(msg['To']); print(msg['Subject']); print(msg.get_content())
)";
  auto parsed = run({python(), "-c", script, mails[0].string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_NE(parsed.out.find("it@school.example"), std::string::npos);
  EXPECT_NE(parsed.out.find("roster sync held for school"), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find("would remove 28 of 30 students"), std::string::npos) << parsed.out;
  EXPECT_NE(parsed.out.find("--approve " + std::to_string(json::parse(held.out)["run_id"].get<int>())), std::string::npos);
  EXPECT_EQ(parsed.out.find("Özdemir"), std::string::npos);  // ids only, no names
}

TEST_F(CliSync, AdminMailerMustBeAMailer) {
  config_["admin"] = {{"email", {"it@school.example"}}, {"from", "lobsync@school.example"}, {"mailer", "school"}};
  auto r = lobsync({"config", "check", write_config(dir_, config_)});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/admin/mailer"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lobsync::test::cli_test
