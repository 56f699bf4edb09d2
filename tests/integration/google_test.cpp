// The google plugin through the real binary, against the fake Google (Calendar v3, Gmail v1 and
// the token endpoint): `lobsync plan` reads the mentors' free/busy with freeBusy and keeps their
// meetings out of busy times; `lobsync dispatch` sends the invitations through Gmail's
// messages.send with the MIME bytes the host built and writes each mentor's own copy into their
// Google calendar once; a meeting that moves is moved there, and a leaver's meetings are removed.
#include "daemon_fixture.h"

#include "core/iso_time.h"
#include "planning_school.h"

#include "unit/google/fake_google.h"

#include <gtest/gtest.h>

namespace lobsync::test::google_test {
namespace {

using nlohmann::json;

std::string base64_decode(const std::string& text) {
  static const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : text) {
    const auto p = table.find(c);
    if (p == std::string::npos) break;
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

class GoogleEndToEnd : public ::testing::Test {
 protected:
  GoogleEndToEnd() : app_(dir_.path()), google_(app_, {"a.jansen@school.example", "b.devries@school.example"}) {}

  void SetUp() override {
    // Anna Jansen is busy all year in Google Calendar; Bram de Vries is free.
    google_.control({{"busy", {{"a.jansen@school.example", {{{"start", "2020-01-01T00:00:00Z"}, {"end", "2030-01-01T00:00:00Z"}}}}}}});
    write_file(dir_ / "roster.jsonl", kRoster);
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["workspace"] = {{"plugin", "google"},
                                      {"service_account_key", {{"file", app_.service_account_key.string()}}},
                                      {"mailbox", FakeGoogle::kMailbox},
                                      {"google_token_url", google_.token_url()},
                                      {"calendar_url", google_.base()},
                                      {"gmail_url", google_.base()}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "workspace";
    config["planning"]["calendars"] = {"workspace"};
    file_ = write_config(dir_, config);
    ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
  }

  json cli_json(const std::vector<std::string>& args) {
    const auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    output_ += r.out + r.err;
    return json::parse(r.out);
  }

  // The mentor's events in the fake, by Google event id.
  json events_of(const std::string& mentor) { return google_.stats()["events"].value(mentor, json::object()); }

  static std::size_t confirmed(const json& events) {
    std::size_t n = 0;
    for (const auto& [id, e] : events.items()) n += e["status"] == "confirmed" ? 1 : 0;
    return n;
  }

  ScratchDir dir_;
  FakeOAuthApp app_;
  FakeGoogle google_;
  std::string file_;
  std::string output_;  // everything the commands printed, logs included
};

TEST_F(GoogleEndToEnd, ThePlannerAvoidsBusyTimesMailGoesThroughGmailAndTheMentorsCopyFollowsTheMeeting) {
  const auto plan = cli_json({"plan", "--config", file_, "--json", "--verbose", "--log-level", "debug"});
  // Only de Vries's students (s2, s4: two conversations each) can be placed.
  EXPECT_EQ(plan["planned"], 4) << plan.dump();
  for (const auto& m : plan["meetings"]) EXPECT_TRUE(m["mentor"].get<std::string>().ends_with("t2")) << m.dump();
  EXPECT_FALSE(plan["unplaced"].empty());
  EXPECT_FALSE(google_.stats()["freebusy_batches"].empty());

  // Throttled twice, and every token revoked after three calls: the run waits out the 429s
  // (Retry-After: 1), renews its tokens in the middle, and still delivers everything once.
  google_.control({{"throttle", 2}, {"revoke_after", 3}});
  const auto issued_before = google_.stats()["token"]["issued"].get<int>();
  const auto dispatched = cli_json({"dispatch", "--config", file_, "--json", "--log-level", "debug"});
  EXPECT_EQ(dispatched["failed"], 0) << dispatched.dump();
  EXPECT_EQ(dispatched["sent"], plan["outbox_items"]) << dispatched.dump();
  auto stats = google_.stats();
  EXPECT_EQ(stats["throttled"], 2);
  EXPECT_GE(stats["unauthorized"].get<int>(), 1) << "a revoked token was refused";
  EXPECT_GE(stats["token"]["issued"].get<int>() - issued_before, 2) << "tokens renewed mid-run: " << stats["token"].dump();
  ASSERT_FALSE(stats["messages"].empty());
  EXPECT_EQ(stats["sends"], stats["messages"].size());
  for (const auto& [id, count] : stats["sent"].items()) EXPECT_EQ(count, 1) << id;  // each message once
  for (const auto& m : stats["messages"]) {
    const std::string mime = base64_decode(m.get<std::string>());
    EXPECT_NE(mime.find("text/calendar"), std::string::npos) << mime.substr(0, 400);
    EXPECT_NE(mime.find("method=REQUEST"), std::string::npos) << mime.substr(0, 2000);
  }
  // The mentor's own copies: one event per meeting, in de Vries's calendar only, nothing sent by Google.
  auto events = events_of("b.devries@school.example");
  EXPECT_EQ(events.size(), 4u) << events.dump();
  EXPECT_EQ(confirmed(events), 4u);
  EXPECT_TRUE(events_of("a.jansen@school.example").empty());
  for (const auto& v : stats["send_updates"]) EXPECT_EQ(v, "none");

  // Running both again writes and sends nothing: freeBusy reports the copies (they show as busy)
  // without naming them, and the host knows its own meetings by mentor and exact time; else the
  // planner would see each meeting blocking itself and move every one.
  for (const auto& [id, e] : events.items()) EXPECT_EQ(e["transparency"], "opaque") << "the copies show the mentor busy";
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["planned"], 0);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["sent"], 0);
  EXPECT_EQ(google_.stats()["sends"], stats["sends"]);

  // A lesson appears over a meeting in de Vries's calendar: it moves, and so does its copy. (A busy
  // time of exactly the meeting's start and end would be taken for the copy itself.)
  const json moved = plan["meetings"][0];
  const auto lesson_start = *parse_iso_utc(moved["start"].get<std::string>()) - std::chrono::minutes(10);
  google_.control({{"busy", {{"b.devries@school.example",
                              {{{"start", iso_utc(lesson_start)}, {"end", iso_utc(lesson_start + std::chrono::minutes(50))}}}}}}});
  const auto replan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  EXPECT_EQ(replan["moved"], 1) << replan.dump();
  const auto second = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(second["failed"], 0) << second.dump();
  events = events_of("b.devries@school.example");
  EXPECT_EQ(events.size(), 4u) << "moved in place, not added: " << events.dump();
  std::size_t at_old_time = 0;
  for (const auto& [id, e] : events.items()) at_old_time += e["start"]["dateTime"] == moved["start"] ? 1 : 0;
  EXPECT_EQ(at_old_time, 0u) << events.dump();

  // Yonas (s4) leaves: his two meetings are cancelled and their copies removed.
  std::string roster = kRoster;
  for (const char* leaving : {R"({"kind":"student","source_id":"s4")", R"({"kind":"guardian","source_id":"p4")"}) {
    const auto line = roster.find(leaving);
    roster.erase(line, roster.find('\n', line) + 1 - line);
  }
  write_file(dir_ / "roster.jsonl", roster);
  auto config = json::parse(read_file(file_));
  config["plugins"]["school"]["sync"] = {{"max_removed_percent", 50}};
  write_file(file_, config.dump());
  ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["cancelled"], 2);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["failed"], 0);
  events = events_of("b.devries@school.example");
  EXPECT_EQ(events.size(), 4u);
  EXPECT_EQ(confirmed(events), 2u) << events.dump();
  stats = google_.stats();
  for (const auto& [id, count] : stats["sent"].items()) EXPECT_EQ(count, 1) << id;
  // No token, assertion or key reached a log line or a result.
  EXPECT_GT(stats["token"]["issued"].get<int>(), 0);
  EXPECT_NE(output_.find("new access token"), std::string::npos) << "the debug log was not captured";
  for (const char* secret : {"fake-", "Bearer", "PRIVATE KEY", "eyJ"}) EXPECT_EQ(output_.find(secret), std::string::npos) << secret;
}

// The README's example config, as printed there, with only the key file's path changed to one that
// exists: `lobsync config check` accepts it.
TEST(GoogleReadme, TheExampleConfigPassesConfigCheck) {
  ScratchDir dir;
  FakeOAuthApp app(dir.path());
  const std::string readme = read_file(source_dir() / "plugins/google/README.md");
  const auto open = readme.find("```json\n");
  ASSERT_NE(open, std::string::npos);
  const auto close = readme.find("```", open + 8);
  std::string example = readme.substr(open + 8, close - open - 8);
  const std::string shown_key = "/etc/lobsync/secrets/google-service-account.json";
  ASSERT_NE(example.find(shown_key), std::string::npos) << example;
  example.replace(example.find(shown_key), shown_key.size(), app.service_account_key.string());
  const json parts = json::parse("{" + example + "}");
  auto config = base_config(dir);
  config["plugins"].update(parts["plugins"]);
  config["planning"] = parts["planning"];
  const auto r = lobsync({"config", "check", write_config(dir, config)});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace lobsync::test::google_test
