// `lobsync serve` record sign-off pages (/r/{token}) on a synced and planned roster, the records
// API's sign-off state, and `lobsync dossier` + `lobsync dispatch` into the dossier-files plugin
// (a scratch folder) and the dossier-webhook plugin (a real receiver that checks signatures):
// a parent reads (in Dutch or English) and signs; GET changes nothing; an adult student decides
// whether parents may read; every bad input gets its status; each final version lands once.
#include "daemon_fixture.h"
#include "meeting_time.h"

#include "links/key_ring.h"
#include "links/token.h"
#include "store/store.h"
#include "support/webhook_receiver.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace lobsync::test::record_signoff_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Bram de Vries (t2) mentors 3H: Emre (a minor) with a Dutch- and an English-speaking parent in
// one household, and Noor (an adult) with one parent.
const char* kSignoffRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Yilmaz","group":"3h","birth_date":"2011-05-01"}
{"kind":"student","source_id":"s5","given_name":"Noor","family_name":"Haddad","group":"3h","birth_date":"2000-01-01","email":"noor@students.example"}
{"kind":"guardian","source_id":"p1","family_name":"Yilmaz","email":"yilmaz@home.example","household":"h1","students":[{"student":"s2"}]}
{"kind":"guardian","source_id":"p2","given_name":"Jo","family_name":"Smith","email":"smith@home.example","language":"en","household":"h1","students":[{"student":"s2"}]}
{"kind":"guardian","source_id":"p5","family_name":"Haddad","email":"haddad@home.example","household":"h5","students":[{"student":"s5"}]}
)";

json record_body(const std::string& look_back = "Stage bij de <b>bakker</b> ging goed") {
  return {{"phases", {{"look_back", look_back}, {"reflect", ""}, {"look_forward", "Zorg of techniek"}, {"act", ""}}},
          {"competences", {"reflection_on_motives", "work_exploration"}},
          {"next_steps", {{{"what", "Open dag bezoeken"}, {"owner", "student"}, {"due", "2027-03-28"}}}},
          {"attended", {"student", "parent", "mentor"}},
          {"home_assignment_discussed", true}};
}

struct Reply {
  long status = 0;
  std::string body;
};

Reply request(int port, const std::string& method, const std::string& path, const std::string& content_type = "",
              const std::optional<std::string>& body = std::nullopt, const std::string& bearer = "") {
  std::vector<std::string> lines;
  if (!content_type.empty()) lines.push_back("Content-Type: " + content_type);
  if (!bearer.empty()) lines.push_back("Authorization: Bearer " + bearer);
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), method, body, lines);
  EXPECT_EQ(r.code, CURLE_OK) << method << " " << path.substr(0, 3);
  return {r.status, r.body};
}

class RecordSignoff : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kSignoffRoster);
    write_secret_file(dir_ / "admin_token", std::string(kAdminToken) + "\n");
    write_secret_file(dir_ / "webhook_secret", "webhook-test-secret\n");
    auto config = base_config(dir_);
    config["http"]["admin_token"] = {{"file", (dir_ / "admin_token").string()}};
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["files"] = {{"plugin", "dossier-files"}, {"folder", (dir_ / "dossiers").string()}};
    config["plugins"]["hook"] = {{"plugin", "dossier-webhook"}, {"url", webhook_.url()},
                                 {"secret", {{"file", (dir_ / "webhook_secret").string()}}}};
    // The daemon's own delivery loop stays out of the way: `lobsync dispatch` delivers here.
    config["outbox"] = {{"poll_interval_seconds", 24 * 3600}};
    config["records"] = {{"final_after_days", 7}, {"dossier_sinks", {"files", "hook"}}};
    config["planning"] = {{"organizer", {{"email", "lob@school.example"}, {"name", "LOB"}}},
                          {"mailer", "mail"},
                          {"notice_days", 1},
                          {"types",
                           {{"introduction", {{"enabled", false}}},
                            {"profile_choice", {{"enabled", false}}},
                            {"internship", {{"enabled", false}}},
                            {"follow_up_education", {{"enabled", false}}},
                            {"closing", {{"enabled", false}}},
                            {"individual", {{"enabled", false}}},
                            {"parents", {{"weeks", "31-30"}, {"years", {1, 2, 3, 4, 5, 6}}}}}}};
    file_ = write_config(dir_, config);
    const auto sync = lobsync({"sync", "--config", file_, "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
    const auto plan = lobsync({"plan", "--config", file_, "--json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    const auto issued = lobsync({"tokens", "issue", "--config", file_, "--mentor", "school:t2"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    mentor_ = issued.out.substr(0, issued.out.find('\n'));
    daemon_ = std::make_unique<Daemon>(file_);
  }

  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_); }

  domain::Meeting meeting_of(const std::string& student) {
    auto store = open();
    for (const auto& m : store->meetings().mentor_meetings("school:t2"))
      if (m.type == "parents" && m.student == student) return m;
    ADD_FAILURE() << "no parents' meeting for " << student;
    return {};
  }

  // Submits a record (or an edit) through the API; returns the record id.
  std::string submit(const domain::Meeting& m, const json& body = record_body()) {
    let_meeting_start(dir_ / "state/lobsync.db", m.id);  // written after the conversation began
    const auto r = request(port(), "POST", "/api/v1/meetings/" + m.id + "/record", "application/json", body.dump(), mentor_);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false).value("id", "");
  }

  std::string link(const std::string& record, const std::string& participant, std::string_view purpose = links::kRecord,
                   std::optional<Instant> expires = std::nullopt) {
    auto store = open();
    const auto key = links::current_key(store->link_keys(), clock_.now());
    return "/r/" + links::sign(key, purpose, links::booking_subject(record, participant), expires.value_or(clock_.now() + 24h * 60));
  }

  Reply get(const std::string& path) { return request(port(), "GET", path); }
  Reply post(const std::string& path, const std::string& form) {
    return request(port(), "POST", path, "application/x-www-form-urlencoded", form);
  }

  json records_of(const std::string& student) {
    const auto r = request(port(), "GET", "/api/v1/students/" + student + "/records", "", std::nullopt, kAdminToken);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  json cli_json(const std::vector<std::string>& args) {
    auto argv = args;
    argv.insert(argv.end(), {"--config", file_, "--json"});
    const auto r = lobsync(argv);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out, nullptr, false);
  }

  std::multiset<std::string> dossier_files(const std::string& ext) {
    std::multiset<std::string> out;
    if (!std::filesystem::exists(dir_ / "dossiers")) return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "dossiers"))
      if (e.is_regular_file() && e.path().extension() == ext) out.insert(e.path().filename().string());
    return out;
  }
  std::multiset<std::string> delivered_keys() {
    std::multiset<std::string> out;
    for (const auto& d : webhook_.deliveries()) out.insert(d.idempotency_key);
    return out;
  }

  int port() const { return daemon_->port(); }

  static constexpr const char* kAdminToken = "test-admin-token-0123456789";
  SystemClock clock_;
  ScratchDir dir_;
  WebhookReceiver webhook_;
  std::string file_, mentor_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(RecordSignoff, AParentReadsSignsAndEachFinalVersionLandsOnceInEachSink) {
  const auto meeting = meeting_of("school:s2");
  ASSERT_FALSE(meeting.id.empty());
  const auto id = submit(meeting);
  ASSERT_FALSE(id.empty());
  const auto dutch = link(id, "school:p1");

  // GET shows the record in Dutch, the mentor's text escaped as written, and changes nothing.
  for (int i = 0; i < 2; ++i) {
    const auto page = get(dutch);
    ASSERT_EQ(page.status, 200) << page.body;
    for (const char* text : {"Verslag van het loopbaangesprek", "Terugkijken", "Stage bij de &lt;b&gt;bakker&lt;/b&gt; ging goed",
                             "Werkexploratie", "Motievenreflectie", "Open dag bezoeken", "uiterlijk zondag 28 maart 2027",
                             "Leerling (Emre Yilmaz)", "Ondertekenen", "nog niet ondertekend", "name=\"version\" value=\"1\""})
      EXPECT_NE(page.body.find(text), std::string::npos) << text;
    EXPECT_EQ(page.body.find("<b>bakker"), std::string::npos);
  }
  EXPECT_EQ(records_of("school%3As2")["records"][0]["sign_off"]["signed"], false);
  // The English-speaking parent reads the fixed texts in English.
  const auto english = get(link(id, "school:p2"));
  ASSERT_EQ(english.status, 200);
  for (const char* text : {"Record of the career guidance conversation", "Looking back", "Work exploration", "Sign",
                           "by Sunday 28 March 2027"})
    EXPECT_NE(english.body.find(text), std::string::npos) << text;

  // Dossier: nothing is final before a signature (the meeting is still ahead).
  auto report = cli_json({"dossier"});
  EXPECT_EQ(report["queued"], 0);
  EXPECT_EQ(report["waiting"], 1);

  const auto signed_page = post(dutch, "action=sign&version=1");
  ASSERT_EQ(signed_page.status, 200) << signed_page.body;
  EXPECT_NE(signed_page.body.find("Het verslag is ondertekend"), std::string::npos);
  const auto again = post(dutch, "action=sign&version=1");
  ASSERT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("Deze versie was al ondertekend"), std::string::npos);
  ASSERT_EQ(post(dutch, "action=view&version=1&text=Emre+wil+de+zorg+in%21").status, 200);

  const auto listed = records_of("school%3As2")["records"][0];
  const auto& v1 = listed["versions"][0];
  EXPECT_EQ(v1["sign_off"]["signed"], true);
  EXPECT_EQ(v1["sign_off"]["by"], "parent");
  EXPECT_EQ(v1["sign_off"]["signer"], "school:p1");
  EXPECT_TRUE(v1["sign_off"]["at"].get<std::string>().ends_with("Z"));
  ASSERT_EQ(v1["sign_off"]["parent_views"].size(), 1u);
  EXPECT_EQ(v1["sign_off"]["parent_views"][0]["text"], "Emre wil de zorg in!");
  EXPECT_EQ(v1["pushed"], false);

  // A dry run queues nothing; the real run queues the signed version for both sinks.
  EXPECT_EQ(cli_json({"dossier", "--dry-run"})["queued"], 1);
  report = cli_json({"dossier"});
  EXPECT_EQ(report["queued"], 1);
  EXPECT_EQ(report["versions"], json::array({{{"record", id}, {"version", 1}, {"reason", "signed"}}}));
  EXPECT_EQ(cli_json({"dispatch"})["failed"], 0);
  EXPECT_EQ(dossier_files(".json"), (std::multiset<std::string>{id + "-v1.json"}));
  EXPECT_EQ(delivered_keys(), (std::multiset<std::string>{"dossier:" + id + ":v1"})) << webhook_.describe();
  const auto pushed_body = webhook_.deliveries().at(0).body;
  EXPECT_EQ(pushed_body["sign_off"]["parent_view"], "Emre wil de zorg in!");
  EXPECT_EQ(pushed_body["meeting"]["title"], "Loopbaangesprek met ouders");

  // Running both again adds nothing.
  EXPECT_EQ(cli_json({"dossier"})["queued"], 0);
  cli_json({"dispatch"});
  EXPECT_EQ(dossier_files(".json").size(), 1u);
  EXPECT_EQ(webhook_.deliveries().size(), 1u);
  EXPECT_EQ(records_of("school%3As2")["records"][0]["versions"][0]["pushed"], true);

  // An edit is a new version: the old link shows it, a signature of the old version is refused.
  submit(meeting, record_body("Stage bij de bakker ging heel goed"));
  auto page = get(dutch);
  EXPECT_NE(page.body.find("name=\"version\" value=\"2\""), std::string::npos);
  EXPECT_NE(page.body.find("heel goed"), std::string::npos);
  EXPECT_EQ(post(dutch, "action=sign&version=1").status, 409);
  report = cli_json({"dossier"});
  EXPECT_EQ(report["queued"], 0) << "v2 is not final yet";
  EXPECT_EQ(report["waiting"], 1);
  ASSERT_EQ(post(dutch, "action=sign&version=2").status, 200);
  report = cli_json({"dossier"});
  EXPECT_EQ(report["versions"], json::array({{{"record", id}, {"version", 2}, {"reason", "signed"}}}));
  cli_json({"dispatch"});
  cli_json({"dossier"});
  cli_json({"dispatch"});
  EXPECT_EQ(dossier_files(".json"), (std::multiset<std::string>{id + "-v1.json", id + "-v2.json"}));
  EXPECT_EQ(delivered_keys(), (std::multiset<std::string>{"dossier:" + id + ":v1", "dossier:" + id + ":v2"}));
  EXPECT_EQ(webhook_.deliveries().back().body["previous_version"], 1);
}

TEST_F(RecordSignoff, AnAdultStudentDecidesWhetherTheParentsMayRead) {
  {
    // Noor (18 or over) answers the planner's question: she comes alone (config/README.md,
    // "Students of 18 and over"); until then her conversation waits.
    const auto waiting = lobsync({"plan", "--config", file_, "--json"});
    ASSERT_EQ(waiting.exit_code, 0) << waiting.err;
    const auto year = json::parse(waiting.out)["school_year"].get<std::string>();
    open()->adult_choices().answer("school:s5", "parents", year, store::AdultAnswer::alone, clock_.now());
    ASSERT_EQ(lobsync({"plan", "--config", file_, "--json"}).exit_code, 0);
  }
  auto meeting = meeting_of("school:s5");
  ASSERT_FALSE(meeting.id.empty());
  {
    // The planner invites no parents of an adult; a meeting planned before the student turned 18
    // (or one the student asked the parents to) still has them.
    auto store = open();
    meeting.participants.push_back({"parent", "school:p5", "Haddad", "haddad@home.example", ""});
    store->meetings().save({meeting}, {}, clock_.now());
  }
  const auto id = submit(meeting);
  const auto parent = link(id, "school:p5");
  const auto student = link(id, "school:s5");

  auto withheld = get(parent);
  EXPECT_EQ(withheld.status, 403);
  EXPECT_NE(withheld.body.find("Noor is 18 jaar of ouder"), std::string::npos) << withheld.body;
  EXPECT_EQ(withheld.body.find("Stage bij"), std::string::npos) << "nothing of the record";
  EXPECT_EQ(post(parent, "action=sign&version=1").status, 403);
  EXPECT_EQ(post(parent, "action=share").status, 403);

  const auto own = get(student);
  ASSERT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("Delen met mijn ouders"), std::string::npos);
  EXPECT_NE(own.body.find("Stage bij"), std::string::npos);
  EXPECT_EQ(post(student, "action=view&version=1&text=x").status, 403) << "views are the parents'";

  ASSERT_EQ(post(student, "action=share").status, 200);
  EXPECT_EQ(get(parent).status, 200);
  ASSERT_EQ(post(parent, "action=sign&version=1").status, 200);
  ASSERT_EQ(post(student, "action=unshare").status, 200);
  EXPECT_EQ(get(parent).status, 403);

  // The adult student's own signature counts too.
  ASSERT_EQ(post(student, "action=sign&version=1").status, 200);
  const auto listed = records_of("school%3As5")["records"][0];
  EXPECT_EQ(listed["shared_with_parents"], false);
  EXPECT_EQ(listed["sign_off"]["signed"], true);
  EXPECT_EQ(listed["sign_off"]["by"], "parent") << "the first signature that counts";
}

TEST_F(RecordSignoff, BadLinksAndBadFormsGetTheirStatus) {
  const auto meeting = meeting_of("school:s2");
  const auto id = submit(meeting);
  const auto good = link(id, "school:p1");
  auto forged = good;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const std::vector<std::string> bad{forged,
                                     link(id, "school:p1", links::kRecord, clock_.now() - 1h),
                                     link(id, "school:p1", links::kBooking),
                                     link("rec-nope", "school:p1"),
                                     link(id, "school:p5"),
                                     "/r/not-a-token"};
  for (const auto& path : bad) {
    const auto page = get(path);
    EXPECT_EQ(page.status, 404) << path.substr(0, 12);
    EXPECT_NE(page.body.find("Deze link is ongeldig of verlopen."), std::string::npos);
    EXPECT_EQ(post(path, "action=sign&version=1").status, 404);
  }

  const auto too_long = post(good, "action=view&version=1&text=" + std::string(2001, 'a'));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("hoogstens 2000 tekens"), std::string::npos);
  EXPECT_NE(too_long.body.find("<textarea"), std::string::npos) << "the form again, with the text";
  EXPECT_NE(too_long.body.find(std::string(2001, 'a')), std::string::npos);
  EXPECT_EQ(post(good, "action=view&version=1&text=" + std::string(2000, 'a')).status, 200) << "2000 is allowed";
  EXPECT_EQ(post(good, "action=view&version=1&text=+++").status, 422);
  EXPECT_EQ(post(good, "action=view&version=1&text=" + std::string(40 * 1024, 'a')).status, 413);
  EXPECT_EQ(request(port(), "POST", good, "application/json", R"({"action":"sign"})").status, 400);
  EXPECT_EQ(post(good, "action=sign&version=%zz").status, 400);
  EXPECT_EQ(post(good, "action=sign").status, 400) << "which version was read";
  EXPECT_EQ(post(good, "action=sign&version=x").status, 400);
  EXPECT_EQ(post(good, "action=delete&version=1").status, 400);
  EXPECT_EQ(post(good, "action=share").status, 403) << "a parent does not decide for the student";

  auto store = open();
  const auto signoffs = store->signoffs().signoffs(id);
  ASSERT_EQ(signoffs.size(), 1u) << "only the good view was stored";
  EXPECT_EQ(signoffs[0].kind, "view");

  // The log names the route, never the token.
  daemon_->process().signal(SIGTERM);
  daemon_->process().wait(30s);
  const auto log = daemon_->process().drained_stderr();
  EXPECT_NE(log.find("/r/{token}"), std::string::npos);
  EXPECT_EQ(log.find(good.substr(3)), std::string::npos);
  EXPECT_EQ(log.find("aaaaaaaa"), std::string::npos) << "nor the view";
}

TEST_F(RecordSignoff, AnUnsignedRecordLandsAfterTheDeadline) {
  auto meeting = meeting_of("school:s2");
  ASSERT_FALSE(meeting.id.empty());
  {
    // The conversation took place ten days ago.
    auto store = open();
    const auto length = meeting.end - meeting.start;
    meeting.start = clock_.now() - 24h * 10;
    meeting.end = meeting.start + length;
    store->meetings().save({meeting}, {}, clock_.now());
  }
  const auto id = submit(meeting);
  const auto report = cli_json({"dossier"});
  EXPECT_EQ(report["versions"], json::array({{{"record", id}, {"version", 1}, {"reason", "deadline"}}}));
  cli_json({"dispatch"});
  EXPECT_EQ(dossier_files(".json"), (std::multiset<std::string>{id + "-v1.json"}));
  ASSERT_EQ(webhook_.deliveries().size(), 1u);
  EXPECT_EQ(webhook_.deliveries()[0].body["sign_off"], json({{"signed", false}}));
}

}  // namespace
}  // namespace lobsync::test::record_signoff_test
