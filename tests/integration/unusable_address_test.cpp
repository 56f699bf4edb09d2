// One e-mail address that no message can carry must not stop the planning of the whole school:
// the sync drops it with a problem naming the record, a roster stored before that rule is cleaned
// when it is loaded, every other student is planned, and the person concerned lands on the
// mentor's call list. Internationalised addresses (RFC 6531) are accepted and sent with SMTPUTF8.
#include "daemon_fixture.h"
#include "planning_school.h"
#include "support/smtp_server.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <set>

namespace lobsync::test::unusable_address_test {
namespace {

using nlohmann::json;

// Replaces a roster value in the store the way an older version would have kept it.
void tamper_email(const std::filesystem::path& db_file, const std::string& source_id, const std::string& email) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "UPDATE roster_records SET payload = json_set(payload, '$.email', ?1) WHERE source_id = ?2",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  sqlite3_bind_text(stmt, 1, email.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(stmt, 2, source_id.c_str(), -1, SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
  EXPECT_EQ(sqlite3_changes(db), 1) << source_id;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

std::set<std::string> problem_records(const json& problems, const std::string& field) {
  std::set<std::string> out;
  for (const auto& p : problems)
    if (p.value("field", "") == field) out.insert(p.value("record", ""));
  return out;
}

class UnusableAddress : public ::testing::Test {
 protected:
  void configure(const std::string& roster) {
    write_file(dir_ / "roster.jsonl", roster);
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["smtp"] = {
        {"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp_.port()}, {"security", "none"}, {"allow_plaintext", true}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "smtp";
    config["notices"] = {{"call_list_days", 60}};  // the planner places the first meetings within weeks
    file_ = write_config(dir_, config);
  }
  json cli_json(const std::vector<std::string>& args) {
    const auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }
  std::set<std::string> planned_students(const json& plan, const std::string& type) {
    std::set<std::string> out;
    for (const auto& m : plan["meetings"])
      if (m["type"] == type) out.insert(m["student"].get<std::string>());
    return out;
  }

  SmtpServer smtp_;
  ScratchDir dir_;
  std::string file_;
};

TEST_F(UnusableAddress, TheSyncDropsItNamingTheRecordAndEveryoneIsPlanned) {
  auto roster = replace_all(kRoster, "ozdemir@home.example", "a(b)@x.nl");
  roster = replace_all(roster, "voogd@nidos.example", "[127.0.0.1]@x.nl");
  roster = replace_all(roster, "zoe@students.example", "nodot@localhost");
  roster = replace_all(roster, "b.devries@school.example", "a\\\\b@x.nl");
  configure(roster);
  const auto sync = cli_json({"sync", "--config", file_, "--json"});
  ASSERT_EQ(sync["status"], "applied") << sync.dump();
  const auto synced = problem_records(sync["problems"], "email");
  // Named by record, never by the person or the address.
  EXPECT_EQ(synced.size(), 4u) << sync["problems"].dump();
  EXPECT_EQ(sync["problems"].dump().find("Özdemir"), std::string::npos);
  EXPECT_EQ(sync["problems"].dump().find("localhost"), std::string::npos);

  for (const char* dry : {"--dry-run", ""}) {
    std::vector<std::string> args{"plan", "--config", file_, "--json", "--verbose"};
    if (*dry) args.push_back(dry);
    const auto plan = cli_json(args);
    EXPECT_EQ(planned_students(plan, "individual"),
              (std::set<std::string>{"school:s1", "school:s2", "school:s3", "school:s4"}))
        << plan.dump();
  }
}

TEST_F(UnusableAddress, AStoredBadAddressIsReportedByRecordAndTheRestIsPlannedAndSent) {
  configure(kRoster);
  ASSERT_EQ(cli_json({"sync", "--config", file_, "--json"})["status"], "applied");
  // What an older version let through, and one international address that is fine.
  const auto db = dir_ / "state/lobsync.db";
  tamper_email(db, "p1", "nodot@localhost");
  tamper_email(db, "t2", "a:b@x.nl");
  tamper_email(db, "p4", "m\xC3\xBCj20@nidos.example");  // müj20@…

  const auto plan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  EXPECT_EQ(problem_records(plan["problems"], "email"), (std::set<std::string>{"school:p1", "school:t2"}))
      << plan["problems"].dump();
  EXPECT_EQ(planned_students(plan, "individual"),
            (std::set<std::string>{"school:s1", "school:s2", "school:s3", "school:s4"}));
  const auto human = lobsync({"plan", "--config", file_, "--dry-run"});
  EXPECT_NE(human.out.find("problem: guardian school:p1 email"), std::string::npos) << human.out;

  const auto sent = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(sent["failed"], 0) << sent.dump();
  EXPECT_EQ(sent["retry_later"], 0) << sent.dump();
  std::set<std::string> recipients;
  bool utf8_envelope = false;
  for (const auto& m : smtp_.messages()) {
    recipients.insert(m.rcpt);
    if (m.rcpt == "m\xC3\xBCj20@nidos.example") {
      const auto options = m.meta.value("mail_options", json::array()).dump();
      utf8_envelope = options.find("SMTPUTF8") != std::string::npos;
      EXPECT_NE(m.raw.find("m\xC3\xBCj20@nidos.example"), std::string::npos);  // RFC 6532 header
    }
  }
  EXPECT_TRUE(recipients.contains("m\xC3\xBCj20@nidos.example"));
  EXPECT_TRUE(utf8_envelope) << "an internationalised address is sent with SMTPUTF8";
  EXPECT_FALSE(recipients.contains("nodot@localhost"));
  EXPECT_TRUE(recipients.contains("zoe@students.example"));

  // The parent without a usable address is on the mentor's phone list.
  const auto calls = cli_json({"calllist", "--config", file_, "--mentor", "school:t1", "--json"});
  EXPECT_NE(calls.dump().find("school:p1"), std::string::npos) << calls.dump();
}

}  // namespace
}  // namespace lobsync::test::unusable_address_test
