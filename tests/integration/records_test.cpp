// `lobsync serve` records API on a synced and planned roster: a mentor's token issued by
// `lobsync tokens issue` submits a conversation record (edits add versions), the meeting
// becomes held and leaves the coverage list; wrong tokens, other mentors, unknown meetings and
// broken bodies get the agreed errors.
#include "daemon_fixture.h"
#include "meeting_time.h"

#include "store/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace lobsync::test::records_test {
namespace {

using nlohmann::json;

// Two mentors: Anna Jansen (t1) mentors 1A with Zoë, Bram de Vries (t2) mentors 3H with Emre.
const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"1a","name":"1A","year":1,"level":"havo"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t1","given_name":"Anna","family_name":"Jansen","email":"a.jansen@school.example"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t1","group":"1a"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s1","given_name":"Zoë","family_name":"Özdemir","group":"1a"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Özdemir","group":"3h"}
{"kind":"guardian","source_id":"p1","family_name":"Özdemir","email":"ozdemir@home.example","household":"h1","students":[{"student":"s1"},{"student":"s2"}]}
)";

constexpr const char* kAdminToken = "test-admin-token-0123456789";

struct Reply {
  long status = 0;
  json body;
};

Reply call(int port, const std::string& method, const std::string& path, const std::optional<std::string>& token,
           const std::optional<std::string>& body = std::nullopt) {
  std::vector<std::string> lines{"Content-Type: application/json"};
  if (token) lines.push_back("Authorization: Bearer " + *token);
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), method, body, lines);
  EXPECT_EQ(r.code, CURLE_OK) << path;
  return {r.status, json::parse(r.body, nullptr, false)};
}

json good_record(const std::string& look_back = "Stage bij de bakker ging goed") {
  return {{"phases", {{"look_back", look_back}, {"reflect", ""}, {"look_forward", "Zorg of techniek"}, {"act", ""}}},
          {"competences", {"reflection_on_motives", "work_exploration"}},
          {"next_steps", {{{"what", "Open dag bezoeken"}, {"owner", "student"}, {"due", "2027-03-28"}}}},
          {"attended", {"student", "parent", "mentor"}},
          {"home_assignment_discussed", true}};
}

std::set<std::string> error_fields(const Reply& reply) {
  std::set<std::string> out;
  for (const auto& e : reply.body.value("errors", json::array())) out.insert(e.value("field", "?"));
  return out;
}

class Records : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    write_secret_file(dir_ / "admin_token", std::string(kAdminToken) + "\n");
    auto config = base_config(dir_);
    config["http"]["admin_token"] = {{"file", (dir_ / "admin_token").string()}};
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["planning"] = {{"organizer", {{"email", "lob@school.example"}, {"name", "LOB"}}},
                          {"mailer", "mail"},
                          {"notice_days", 1},
                          {"types",
                           {{"introduction", {{"enabled", false}}},
                            {"profile_choice", {{"enabled", false}}},
                            {"internship", {{"enabled", false}}},
                            {"follow_up_education", {{"enabled", false}}},
                            {"closing", {{"enabled", false}}},
                            {"parents", {{"enabled", false}}},
                            {"individual", {{"weeks", "31-30"}}}}}};
    file_ = write_config(dir_, config);
    const auto sync = lobsync({"sync", "--config", file_, "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
    const auto plan = lobsync({"plan", "--config", file_, "--json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    daemon_ = std::make_unique<Daemon>(file_);
    bram_ = issue("b.devries@school.example");
    anna_ = issue("school:t1");
    emre_meeting_ = individual_meeting("school:s2");
  }

  std::string issue(const std::string& mentor) {
    const auto r = lobsync({"tokens", "issue", "--config", file_, "--mentor", mentor});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    auto token = r.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
  }

  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_); }

  domain::Meeting individual_meeting(const std::string& student) {
    auto store = open();
    for (const auto& mentor : {"school:t1", "school:t2"})
      for (const auto& m : store->meetings().mentor_meetings(mentor))
        if (m.type == "individual" && m.student == student) return m;
    ADD_FAILURE() << "no individual meeting for " << student;
    return {};
  }

  // A record is written after its meeting began: the meeting's time comes first.
  Reply post(const std::string& meeting, const std::optional<std::string>& token, const std::string& body) {
    let_meeting_start(dir_ / "state/lobsync.db", meeting);
    return call(daemon_->port(), "POST", "/api/v1/meetings/" + meeting + "/record", token, body);
  }
  Reply post(const std::optional<std::string>& token, const json& body) {
    return post(emre_meeting_.id, token, body.dump());
  }

  json missing_for(const std::string& student) {
    const auto r = lobsync({"coverage", "--config", file_, "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const auto& row : json::parse(r.out))
      if (row["student"] == student) return row["missing"];
    return json::array();
  }

  ManualClock clock_{instant_from_unix_ms(0)};
  ScratchDir dir_;
  std::string file_, bram_, anna_;
  domain::Meeting emre_meeting_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(Records, AMentorSubmitsAndEditsARecordAndTheMeetingIsHeld) {
  ASSERT_FALSE(emre_meeting_.id.empty());
  EXPECT_EQ(missing_for("school:s2"), json::array({"individual"}));

  const auto first = post(bram_, good_record());
  ASSERT_EQ(first.status, 201) << first.body.dump();
  const auto id = first.body["id"].get<std::string>();
  EXPECT_EQ(first.body["version"], 1);
  const auto edit = post(bram_, good_record("Stage bij de bakker ging heel goed"));
  ASSERT_EQ(edit.status, 201) << edit.body.dump();
  EXPECT_EQ(edit.body["id"], id);
  EXPECT_EQ(edit.body["version"], 2);

  EXPECT_EQ(individual_meeting("school:s2").status, domain::kHeld);
  EXPECT_EQ(missing_for("school:s2"), json::array()) << "held: no longer missing";
  EXPECT_EQ(missing_for("school:s1"), json::array({"individual"})) << "Zoë's conversation is still to be held";

  // Both the admin and the student's mentor read every version; the path carries the key encoded.
  for (const auto& token : {std::string(kAdminToken), bram_}) {
    const auto list = call(daemon_->port(), "GET", "/api/v1/students/school%3As2/records", token);
    ASSERT_EQ(list.status, 200) << list.body.dump();
    ASSERT_EQ(list.body["records"].size(), 1u);
    const auto& record = list.body["records"][0];
    EXPECT_EQ(record["id"], id);
    EXPECT_EQ(record["meeting"], emre_meeting_.id);
    EXPECT_EQ(record["type"], "individual");
    EXPECT_EQ(record["sign_off"], json({{"signed", false}, {"parent_views", json::array()}}));
    EXPECT_EQ(record["versions"][1]["pushed"], false);
    ASSERT_EQ(record["versions"].size(), 2u);
    EXPECT_EQ(record["versions"][0]["version"], 1);
    EXPECT_EQ(record["versions"][0]["body"], good_record());
    EXPECT_EQ(record["versions"][1]["body"]["phases"]["look_back"], "Stage bij de bakker ging heel goed");
    EXPECT_TRUE(record["versions"][1]["created_at"].get<std::string>().ends_with("Z"));
  }
  EXPECT_EQ(call(daemon_->port(), "GET", "/api/v1/students/school%3As2/records", anna_).status, 403);
  EXPECT_EQ(call(daemon_->port(), "GET", "/api/v1/students/school%3As2/records", std::nullopt).status, 401);
  EXPECT_EQ(call(daemon_->port(), "GET", "/api/v1/students/school%3Anobody/records", std::string(kAdminToken)).status, 404);
  const auto zoe = call(daemon_->port(), "GET", "/api/v1/students/school%3As1/records", anna_);
  ASSERT_EQ(zoe.status, 200);
  EXPECT_TRUE(zoe.body["records"].empty());

  // The audit names the mentor and the meeting, never the content.
  auto store = open();
  const auto audit = store->recent_audit(10);
  const auto submitted = std::count_if(audit.begin(), audit.end(), [&](const store::AuditEntry& e) {
    return e.action == "record.submit" && e.actor == "school:t2" && e.subject == "meeting:" + emre_meeting_.id;
  });
  EXPECT_EQ(submitted, 2);
  for (const auto& e : audit) EXPECT_EQ(e.detail.dump().find("bakker"), std::string::npos);
  // Neither the log nor the audit shows a token.
  for (const auto& e : audit) EXPECT_EQ(e.detail.dump().find(bram_), std::string::npos);
  EXPECT_EQ(daemon_->process().drained_stderr().find(bram_), std::string::npos);
}

TEST_F(Records, ARecordIsTakenOnlyOnceItsMeetingHasStartedAndAPassedTimeIsNotHeld) {
  const auto early = call(daemon_->port(), "POST", "/api/v1/meetings/" + emre_meeting_.id + "/record", bram_,
                          good_record().dump());
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body["error"].get<std::string>().find("not started"), std::string::npos) << early.body.dump();
  EXPECT_EQ(individual_meeting("school:s2").status, domain::kPlanned);

  // Its time passes without a mark or a record: still not held, and coverage says why.
  let_meeting_start(dir_ / "state/lobsync.db", emre_meeting_.id, std::chrono::hours(3));
  EXPECT_EQ(missing_for("school:s2"), json::array({"individual"}));
  const auto rows = json::parse(lobsync({"coverage", "--config", file_, "--json"}).out);
  for (const auto& row : rows) {
    if (row["student"] != "school:s2") continue;
    EXPECT_EQ(row["unmarked"], json::array({"individual"})) << row.dump();
    EXPECT_EQ(row["planned"], json::array()) << row.dump();
  }
  const auto summary = lobsync({"coverage", "--config", file_});
  EXPECT_NE(summary.out.find("1 conversation ended without being marked held or missed"), std::string::npos) << summary.out;

  ASSERT_EQ(post(bram_, good_record()).status, 201);
  EXPECT_EQ(missing_for("school:s2"), json::array());
}

TEST_F(Records, TokensAreCheckedBeforeAnythingElse) {
  EXPECT_EQ(post(std::nullopt, good_record()).status, 401);
  const auto wrong = post(std::string("not-a-token"), good_record());
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(wrong.body.contains("error"));
  EXPECT_EQ(post(std::string(kAdminToken), good_record()).status, 401) << "the admin token does not write records";
  EXPECT_EQ(post(anna_, good_record()).status, 403) << "not this meeting's mentor";
  EXPECT_EQ(post("no-such-meeting", bram_, good_record().dump()).status, 404);

  const auto revoke = lobsync({"tokens", "revoke", "--config", file_, "--mentor", "school:t2", "--json"});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_EQ(json::parse(revoke.out)["revoked"], 1);
  EXPECT_EQ(post(bram_, good_record()).status, 401) << "revoked";
  const auto fresh = issue("school:t2");
  EXPECT_NE(fresh, bram_);
  EXPECT_EQ(post(fresh, good_record()).status, 201);

  EXPECT_EQ(lobsync({"tokens", "issue", "--config", file_, "--mentor", "nobody@school.example"}).exit_code, 2);
  // The token is shown once; the database holds only its hash.
  for (const char* file : {"state/lobsync.db", "state/lobsync.db-wal"})
    if (std::filesystem::exists(dir_ / file)) {
      EXPECT_EQ(read_file(dir_ / file).find(fresh), std::string::npos) << file;
    }
}

TEST_F(Records, BrokenBodiesAre400) {
  const std::vector<std::string> bodies{"{\"phases\": ", "[]", "\"text\"", "", std::string(70 * 1024, ' ') + "{}"};
  for (const auto& body : bodies) {
    const auto r = post(emre_meeting_.id, bram_, body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 20);
    EXPECT_TRUE(r.body["error"].is_string());
    ASSERT_TRUE(r.body["errors"].is_array());
    EXPECT_EQ(r.body["errors"].size(), 1u);
  }
  EXPECT_NE(individual_meeting("school:s2").status, domain::kHeld);
}

TEST_F(Records, ANumberTooLargeToReadIs400NamingTheField) {
  const std::string body = R"({"phases": {"act": "Bellen"}, "next_steps": [{"what": "Bellen", "owner": "student", "due": 1e999}]})";
  const auto r = post(emre_meeting_.id, bram_, body);
  EXPECT_EQ(r.status, 400) << r.body.dump();
  ASSERT_TRUE(r.body["errors"].is_array()) << r.body.dump();
  ASSERT_EQ(r.body["errors"].size(), 1u) << r.body.dump();
  EXPECT_EQ(r.body["errors"][0]["field"], "/next_steps/0/due");
  EXPECT_NE(individual_meeting("school:s2").status, domain::kHeld);
}

TEST_F(Records, InvalidContentIs422NamingTheFields) {
  auto body = good_record();
  body["next_steps"] = {{{"owner", "student"}},
                        {{"what", "Bellen"}, {"owner", "grandma"}},
                        {{"what", "Mailen"}, {"owner", "parent"}, {"due", "2027-02-30"}}};
  body["competences"].push_back("juggling");
  body["mood"] = "good";
  const auto r = post(bram_, body);
  EXPECT_EQ(r.status, 422) << r.body.dump();
  EXPECT_EQ(error_fields(r), (std::set<std::string>{"/next_steps/0/what", "/next_steps/1/owner", "/next_steps/2/due",
                                                    "/competences/2", "/mood"}));
  EXPECT_NE(individual_meeting("school:s2").status, domain::kHeld);
  auto store = open();
  EXPECT_TRUE(store->records().student_records("school:s2").empty());
}

}  // namespace
}  // namespace lobsync::test::records_test
