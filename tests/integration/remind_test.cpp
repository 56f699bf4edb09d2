// `lobsync remind` end to end: a planned school with a brother and sister whose parent gets one
// digest with a section per child's meeting, delivered by `lobsync dispatch` through the smtp
// plugin to a real aiosmtpd server and read back with Python's email package; a second run the
// same day sends nothing. Then the mentor's call list through the CLI and the HTTP API.
#include "daemon_fixture.h"
#include "planning_school.h"

#include "support/smtp_server.h"

#include <gtest/gtest.h>

#include <curl/curl.h>
#include <date/date.h>

#include <map>

namespace lobsync::test::remind_test {
namespace {

using nlohmann::json;

json parse_messages(const SmtpServer& smtp, const std::vector<SmtpMessage>& messages) {
  std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/ical/parse_mime.py").string()};
  for (const auto& m : messages) argv.push_back((smtp.out_dir() / (std::to_string(m.n) + ".eml")).string());
  const auto r = run(argv, std::chrono::seconds(60));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

// GET with an optional bearer token: (status, body).
std::pair<long, json> get(int port, const std::string& path, const std::optional<std::string>& token) {
  std::vector<std::string> lines;
  if (token) lines.push_back("Authorization: Bearer " + *token);
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), "GET", std::nullopt, lines);
  EXPECT_EQ(r.code, CURLE_OK) << path;
  return {r.status, json::parse(r.body, nullptr, false)};
}

class Remind : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["smtp"] = {
        {"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp_.port()}, {"security", "none"}, {"allow_plaintext", true}};
    config["http"]["public_url"] = "https://lob.school.example";
    config["school"] = {{"name", "Stedelijk College"}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "smtp";
    // No quiet hours, so the test does not depend on the hour it runs; far offsets, so every
    // meeting the planner places soon is due (quiet hours and offsets have their unit tests).
    config["notices"] = {{"quiet_hours", ""}, {"reminder_days", {60, 1}}, {"call_list_days", 60}};
    // Meeting reminders only: home assignments join the digest in full_cycle_test.cpp.
    config["assignments"] = {{"types", {{"individual", nullptr}, {"parents", nullptr}, {"introduction", nullptr}, {"profile_choice", nullptr}}}};
    file_ = write_config(dir_, config);
    ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
    const auto plan = run_json({"plan", "--config", file_, "--json", "--verbose"});
    ASSERT_EQ(plan["planned"], 7);
    const auto within = iso_in_days(59);
    for (const auto& m : plan["meetings"])
      ASSERT_LT(m["start"].get<std::string>(), within) << "the planner placed a meeting beyond the reminder offset";
    const auto invitations = run_json({"dispatch", "--config", file_, "--json"});
    ASSERT_EQ(invitations["failed"], 0) << invitations.dump();
    invitations_ = smtp_.messages().size();
  }
  json run_json(const std::vector<std::string>& args) {
    const auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out, nullptr, false);
  }
  static std::string iso_in_days(int days) {
    const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + std::chrono::hours(24 * days);
    return date::format("%FT%TZ", t);
  }

  SmtpServer smtp_;
  ScratchDir dir_;
  std::string file_;
  std::size_t invitations_ = 0;
};

TEST_F(Remind, OneDigestPerRecipientWithASectionPerMeetingAndNothingTwice) {
  const auto dry = run_json({"remind", "--config", file_, "--json", "--dry-run"});
  EXPECT_EQ(dry["digests"], 3);
  // The parent of the siblings (2 meetings), the guardian organisation (1), Zoë (individual + parents).
  const auto report = run_json({"remind", "--config", file_, "--json"});
  EXPECT_EQ(report["digests"], 3) << report.dump();
  EXPECT_EQ(report["notices"], 5) << report.dump();
  EXPECT_EQ(report["held_for_quiet_hours"], 0);
  EXPECT_EQ(report["waiting_for_tomorrow"], 0);
  EXPECT_EQ(report["without_email"], 0);
  const auto sent = run_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(sent["sent"], 3) << sent.dump();

  auto messages = smtp_.messages();
  ASSERT_EQ(messages.size(), invitations_ + 3);
  messages.erase(messages.begin(), messages.begin() + static_cast<std::ptrdiff_t>(invitations_));
  const auto parsed = parse_messages(smtp_, messages);
  std::map<std::string, json> by_rcpt;
  for (std::size_t i = 0; i < parsed.size(); ++i) by_rcpt[messages[i].rcpt] = parsed[i];
  ASSERT_EQ(by_rcpt.size(), 3u) << "one message per recipient";

  const auto& parent = by_rcpt.at("ozdemir@home.example");
  EXPECT_EQ(parent["tree"]["type"], "multipart/alternative");
  EXPECT_EQ(parent["from"], "LOB <lob@school.example>");
  EXPECT_NE(parent["subject"].get<std::string>().find("Stedelijk College"), std::string::npos);
  const auto text = parent["text"].get<std::string>();
  const auto html = parent["html"].get<std::string>();
  // In the parent's Turkish, one section per child's meeting, each with the parent's booking link.
  EXPECT_NE(text.find("Merhaba "), std::string::npos) << text;
  EXPECT_NE(text.find("Velilerle kariyer görüşmesi – Zoë Özdemir"), std::string::npos) << text;
  EXPECT_NE(text.find("Velilerle kariyer görüşmesi – Emre Özdemir"), std::string::npos) << text;
  std::size_t links = 0;
  for (auto at = text.find("https://lob.school.example/p/"); at != std::string::npos;
       at = text.find("https://lob.school.example/p/", at + 1))
    ++links;
  EXPECT_EQ(links, 2u) << text;
  EXPECT_NE(html.find("Onaylayın veya başka bir saat seçin"), std::string::npos);
  EXPECT_NE(html.find("lang=\"tr\""), std::string::npos);
  EXPECT_NE(text.find("lob@school.example"), std::string::npos) << "the footer names whom to contact";

  const auto& student = by_rcpt.at("zoe@students.example");
  EXPECT_EQ(student["text"].get<std::string>().find("/p/"), std::string::npos) << "students get no booking link";
  EXPECT_NE(student["text"].get<std::string>().find("Loopbaangesprek – Zoë Özdemir"), std::string::npos);
  EXPECT_NE(student["text"].get<std::string>().find("Beste Zoë,"), std::string::npos) << student["text"];
  EXPECT_EQ(text.find("Beste Zoë"), std::string::npos) << "the parent is not greeted as the child";
  EXPECT_NE(by_rcpt.at("voogd@nidos.example")["text"].get<std::string>().find("Yonas"), std::string::npos);

  // Again the same day: nothing new, nothing sent.
  const auto again = run_json({"remind", "--config", file_, "--json"});
  EXPECT_EQ(again["digests"], 0) << again.dump();
  EXPECT_EQ(run_json({"dispatch", "--config", file_, "--json"})["sent"], 0);
  EXPECT_EQ(smtp_.messages().size(), invitations_ + 3);
}

TEST_F(Remind, CallListThroughTheCliAndTheApi) {
  // Bram de Vries mentors Emre (parent mailed, not confirmed) and Yonas (guardian organisation);
  // neither student has an e-mail address, so both are listed for each of their two meetings.
  const auto list = run_json({"calllist", "--config", file_, "--json", "--mentor", "b.devries@school.example"});
  EXPECT_EQ(list["mentor"], "school:t2");
  ASSERT_EQ(list["entries"].size(), 6u) << list.dump();
  std::map<std::string, int> students;
  for (const auto& e : list["entries"]) {
    for (const char* field : {"meeting", "start", "student", "role", "name", "key", "phone"})
      EXPECT_TRUE(e[field].is_string()) << field;
    if (e["role"] == "parent") {
      EXPECT_EQ(e["reasons"], json::array({"no_response"})) << e.dump();
      EXPECT_EQ(e["type"], "parents");
      EXPECT_TRUE(e["parent"].is_string());
    } else {
      EXPECT_EQ(e["role"], "student");
      EXPECT_EQ(e["reasons"], json::array({"no_email"})) << e.dump();
      EXPECT_EQ(e["name"], e["student"]);
      ++students[e["key"].get<std::string>()];
    }
  }
  EXPECT_EQ(students, (std::map<std::string, int>{{"school:s2", 2}, {"school:s4", 2}}));
  const auto unknown = lobsync({"calllist", "--config", file_, "--mentor", "nobody@school.example"});
  EXPECT_EQ(unknown.exit_code, 2);

  const auto t1 = run_json({"tokens", "issue", "--config", file_, "--json", "--mentor", "a.jansen@school.example"})["token"];
  const auto t2 = run_json({"tokens", "issue", "--config", file_, "--json", "--mentor", "school:t2"})["token"];
  Daemon daemon(file_);
  const std::string path = "/api/v1/mentors/school:t2/call-list";
  EXPECT_EQ(get(daemon.port(), path, std::nullopt).first, 401);
  EXPECT_EQ(get(daemon.port(), path, std::string("not-a-token")).first, 401);
  EXPECT_EQ(get(daemon.port(), path, t1.get<std::string>()).first, 403);
  const auto [status, body] = get(daemon.port(), path, t2.get<std::string>());
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body, list);
}

}  // namespace
}  // namespace lobsync::test::remind_test
