// `lobsync serve` with the student's own page (/s/{token}) on a synced and planned roster, the
// parents' record page (/r/{token}) and `lobsync dossier` + `lobsync dispatch` into the
// dossier-files plugin (a scratch folder) and the dossier-webhook plugin (a real receiver): the
// student writes a report once the conversation began and edits it (a new version), a parent
// reads and signs each version, each signed version lands once in each sink beside the mentor's
// record; an adult's sharing decision governs the parents' view; bad input gets its status and
// keeps what was typed; neither the log nor the audit holds the student's text.
#include "daemon_fixture.h"
#include "meeting_time.h"

#include "links/key_ring.h"
#include "links/token.h"
#include "store/store.h"
#include "support/webhook_receiver.h"

#include <gtest/gtest.h>
#include <lobsync/folder_output.hpp>

#include <filesystem>
#include <map>
#include <set>

namespace lobsync::test::student_report_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// Bram de Vries (t2) mentors 3H: Emre (a minor) with one parent, and Noor (an adult) with one.
const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Yilmaz","group":"3h","birth_date":"2011-05-01","email":"emre@students.example"}
{"kind":"student","source_id":"s5","given_name":"Noor","family_name":"Haddad","group":"3h","birth_date":"2000-01-01","email":"noor@students.example"}
{"kind":"guardian","source_id":"p1","family_name":"Yilmaz","email":"yilmaz@home.example","household":"h1","students":[{"student":"s2"}]}
{"kind":"guardian","source_id":"p5","family_name":"Haddad","email":"haddad@home.example","household":"h5","students":[{"student":"s5"}]}
)";

const char* kReflection = "Op+de+open+dag+merkte+ik+dat+ik+graag+met+mensen+werk";

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

bool has(const Reply& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

class StudentReport : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    write_secret_file(dir_ / "webhook_secret", "webhook-test-secret\n");
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["files"] = {{"plugin", "dossier-files"}, {"folder", (dir_ / "dossiers").string()}};
    config["plugins"]["hook"] = {{"plugin", "dossier-webhook"}, {"url", webhook_.url()},
                                 {"secret", {{"file", (dir_ / "webhook_secret").string()}}}};
    config["outbox"] = {{"poll_interval_seconds", 24 * 3600}};  // `lobsync dispatch` delivers here
    config["records"] = {{"final_after_days", 7}, {"dossier_sinks", {"files", "hook"}}};
    // The test runs each job itself: a daemon started after the nightly time would otherwise
    // catch up the missed run in the background, racing the test's own plan and dossier runs.
    for (const char* job : {"sync", "plan", "remind", "dossier", "dispatch"}) config["jobs"][job] = {{"enabled", false}};
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
    for (const char* job : {"sync", "plan"}) {
      const auto r = lobsync({job, "--config", file_, "--json"});
      ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    }
    {
      // Noor (s5, 18 or over) answers the planner's question: she comes alone, as the planner
      // held every adult's conversation before the question existed (config/README.md).
      const auto planned = lobsync({"plan", "--config", file_, "--json"});
      ASSERT_EQ(planned.exit_code, 0) << planned.err;
      const auto year = nlohmann::json::parse(planned.out)["school_year"].get<std::string>();
      open()->adult_choices().answer("school:s5", "parents", year, store::AdultAnswer::alone, clock_.now());
      ASSERT_EQ(lobsync({"plan", "--config", file_, "--json"}).exit_code, 0);
    }
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

  std::string sign(std::string_view purpose, const std::string& subject, Instant expires) {
    auto store = open();
    return links::sign(links::current_key(store->link_keys(), clock_.now()), purpose, subject, expires);
  }
  std::string student_page(const std::string& student, std::optional<Instant> expires = std::nullopt) {
    return "/s/" + sign(links::kStudent, student, expires.value_or(clock_.now() + 24h * 60));
  }
  std::string record_page(const std::string& record, const std::string& participant) {
    return "/r/" + sign(links::kRecord, links::booking_subject(record, participant), clock_.now() + 24h * 60);
  }

  std::string mentor_record(const domain::Meeting& m) {
    const json body = {{"phases", {{"look_back", "Open dag"}, {"reflect", ""}, {"look_forward", "Zorg"}, {"act", ""}}},
                       {"competences", {"work_exploration"}},
                       {"next_steps", json::array()},
                       {"attended", {"student", "parent", "mentor"}},
                       {"home_assignment_discussed", true}};
    const auto r = request(port(), "POST", "/api/v1/meetings/" + m.id + "/record", "application/json", body.dump(), mentor_);
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false).value("id", "");
  }

  Reply get(const std::string& path) { return request(port(), "GET", path); }
  Reply post(const std::string& path, const std::string& form) {
    return request(port(), "POST", path, "application/x-www-form-urlencoded", form);
  }
  std::string report_form(const domain::Meeting& m, const std::string& reflection = kReflection) {
    return "meeting=" + m.id + "&reflection=" + reflection + "&activity1=Open+dag+ROC&activity2=&activity3=Meeloopdag+zorg";
  }

  json cli_json(const std::vector<std::string>& args) {
    auto argv = args;
    argv.insert(argv.end(), {"--config", file_, "--json"});
    const auto r = lobsync(argv);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out, nullptr, false);
  }

  std::multiset<std::string> dossier_files() {
    std::multiset<std::string> out;
    if (!std::filesystem::exists(dir_ / "dossiers")) return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "dossiers"))
      if (e.is_regular_file() && e.path().extension() == ".json") out.insert(e.path().filename().string());
    return out;
  }
  std::multiset<std::string> delivered_keys() {
    std::multiset<std::string> out;
    for (const auto& d : webhook_.deliveries()) out.insert(d.idempotency_key);
    return out;
  }

  int port() const { return daemon_->port(); }

  SystemClock clock_;
  ScratchDir dir_;
  WebhookReceiver webhook_;
  std::string file_, mentor_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(StudentReport, TheStudentWritesAParentSignsAndEachSignedVersionLandsOnce) {
  const auto meeting = meeting_of("school:s2");
  ASSERT_FALSE(meeting.id.empty());
  const auto page = student_page("school:s2");

  // Weeks ahead: nothing to write yet, and a post is refused.
  auto before = get(page);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(has(before, "Hallo Emre")) << before.body;
  EXPECT_FALSE(has(before, "name=\"reflection\""));
  auto early = post(page, report_form(meeting));
  EXPECT_EQ(early.status, 409);
  EXPECT_TRUE(has(early, "nog niet begonnen")) << early.body;

  let_meeting_start(dir_ / "state/lobsync.db", meeting.id);
  const auto open_page = get(page);
  EXPECT_TRUE(has(open_page, "name=\"reflection\"")) << open_page.body;
  EXPECT_TRUE(has(open_page, "name=\"activity6\""));
  const auto written = post(page, report_form(meeting));
  ASSERT_EQ(written.status, 303) << written.body;
  const auto saved = get(page + "?saved=" + meeting.id);
  EXPECT_TRUE(has(saved, "Je verslag is opgeslagen."));
  EXPECT_TRUE(has(saved, "graag met mensen werk"));
  EXPECT_TRUE(has(saved, "<li><bdi>Meeloopdag zorg</bdi></li>"));
  EXPECT_TRUE(has(saved, "Je ouders hebben deze versie nog niet ondertekend."));

  // The mentor's record: the student reaches it from their page; the parent reads both there.
  const auto record = mentor_record(meeting);
  ASSERT_FALSE(record.empty());
  const auto with_record = get(page);
  const auto href = with_record.body.find("class=\"record-link\" href=\"");
  ASSERT_NE(href, std::string::npos) << with_record.body;
  const auto link_start = with_record.body.find("/r/", href);
  const auto own_record = get(with_record.body.substr(link_start, with_record.body.find('"', link_start) - link_start));
  EXPECT_EQ(own_record.status, 200);
  EXPECT_TRUE(has(own_record, "Verslag van de leerling"));
  EXPECT_FALSE(has(own_record, "sign_report")) << "the student does not sign their own report";

  const auto parent = record_page(record, "school:p1");
  const auto parents_view = get(parent);
  ASSERT_EQ(parents_view.status, 200);
  EXPECT_TRUE(has(parents_view, "Verslag van de leerling"));
  EXPECT_TRUE(has(parents_view, "graag met mensen werk"));
  EXPECT_TRUE(has(parents_view, "name=\"report_version\" value=\"1\""));
  ASSERT_EQ(post(parent, "action=sign&version=1").status, 200);
  EXPECT_EQ(cli_json({"dossier"})["queued"], 1) << "the mentor's record; the report is not signed yet";
  const auto signed_page = post(parent, "action=sign_report&report_version=1");
  ASSERT_EQ(signed_page.status, 200);
  EXPECT_TRUE(has(signed_page, "Het verslag van de leerling is ondertekend."));
  EXPECT_TRUE(has(get(page), "Ondertekend door Yilmaz"));
  // The language switch: the student's own choice, kept for their next pages.
  EXPECT_EQ(post(page, "action=language&language=en").status, 303);
  EXPECT_TRUE(has(get(page), "Your career conversations"));
  EXPECT_TRUE(has(get(parent), "Verslag van de leerling")) << "the parent keeps Dutch";
  EXPECT_EQ(post(page, "action=language&language=xx").status, 400);

  auto report = cli_json({"dossier"});
  const auto report_id = meeting.id + ":student";
  EXPECT_EQ(report["versions"], json::array({{{"record", report_id}, {"version", 1}, {"reason", "signed"}}}));
  EXPECT_EQ(cli_json({"dispatch"})["failed"], 0);
  const auto base = sdk::safe_file_name(report_id + "-v1");
  EXPECT_EQ(dossier_files(), (std::multiset<std::string>{record + "-v1.json", base + ".json"}));
  EXPECT_EQ(delivered_keys(), (std::multiset<std::string>{"dossier:" + record + ":v1", "dossier:" + report_id + ":v1"}));
  json pushed;
  for (const auto& d : webhook_.deliveries())
    if (d.idempotency_key == "dossier:" + report_id + ":v1") pushed = d.body;
  EXPECT_EQ(pushed["author"], "student");
  EXPECT_EQ(pushed["activities"], json({"Open dag ROC", "Meeloopdag zorg"}));
  EXPECT_EQ(pushed["sign_off"]["by"], "parent");
  EXPECT_EQ(pushed["written_by"], "Emre Yilmaz");

  // An edit is a new version: it needs a new signature and lands once more.
  ASSERT_EQ(post(page, report_form(meeting, "Toch+liever+techniek")).status, 303);
  EXPECT_EQ(post(parent, "action=sign_report&report_version=1").status, 409);
  EXPECT_EQ(cli_json({"dossier"})["queued"], 0);
  ASSERT_EQ(post(parent, "action=sign_report&report_version=2").status, 200);
  EXPECT_EQ(cli_json({"dossier"})["queued"], 1);
  cli_json({"dispatch"});
  cli_json({"dossier"});
  cli_json({"dispatch"});
  EXPECT_EQ(dossier_files().size(), 3u);
  EXPECT_EQ(webhook_.deliveries().size(), 3u) << "each version once";

  auto store = open();
  const auto versions = store->student_reports().student_report(meeting.id);
  ASSERT_TRUE(versions);
  EXPECT_EQ(versions->versions.size(), 2u) << "every version kept";
  int writes = 0;
  for (const auto& a : store->recent_audit(100)) {
    if (a.action == "student_report.write") ++writes;
    EXPECT_EQ(a.detail.dump().find("mensen"), std::string::npos) << a.action;
    EXPECT_EQ(a.subject.find("Emre"), std::string::npos) << a.action;
  }
  EXPECT_EQ(writes, 2);
}

TEST_F(StudentReport, TheCliPrintsAStudentsLinkForAStudentWithoutMail) {
  EXPECT_EQ(lobsync({"links", "student", "--config", file_, "--student", "school:s2"}).exit_code, 2)
      << "no http.public_url: no link";
  auto config = json::parse(read_file(file_));
  config["http"]["public_url"] = "https://lob.school.example";
  write_file(file_, config.dump(2));
  const auto printed = cli_json({"links", "student", "--student", "school:s2"});
  EXPECT_EQ(printed["student"], "school:s2");
  const auto url = printed["url"].get<std::string>();
  ASSERT_TRUE(url.starts_with("https://lob.school.example/s/")) << url;
  const auto page = get(url.substr(std::string("https://lob.school.example").size()));
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(has(page, "Hallo Emre"));
  const auto unknown = lobsync({"links", "student", "--config", file_, "--student", "nobody"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no student 'nobody'"), std::string::npos) << unknown.err;
}

TEST_F(StudentReport, AnAdultStudentsReportIsTheParentsOnlyOnceShared) {
  auto meeting = meeting_of("school:s5");
  ASSERT_FALSE(meeting.id.empty());
  {
    auto store = open();
    meeting.participants.push_back({"parent", "school:p5", "Haddad", "haddad@home.example", ""});
    store->meetings().save({meeting}, {}, clock_.now());
  }
  let_meeting_start(dir_ / "state/lobsync.db", meeting.id);
  ASSERT_EQ(post(student_page("school:s5"), report_form(meeting)).status, 303);
  const auto record = mentor_record(meeting);
  const auto parent = record_page(record, "school:p5");
  EXPECT_EQ(get(parent).status, 403);
  EXPECT_EQ(post(parent, "action=sign_report&report_version=1").status, 403);
  ASSERT_EQ(post(record_page(record, "school:s5"), "action=share").status, 200);
  EXPECT_TRUE(has(get(parent), "graag met mensen werk"));
  EXPECT_EQ(post(record_page(record, "school:s5"), "action=sign_report&report_version=1").status, 403)
      << "only parents sign the student's report";
  EXPECT_EQ(post(parent, "action=sign_report&report_version=1").status, 200);
}

TEST_F(StudentReport, BadInputGetsItsStatusAndKeepsWhatWasTyped) {
  const auto meeting = meeting_of("school:s2");
  const auto other = meeting_of("school:s5");
  let_meeting_start(dir_ / "state/lobsync.db", meeting.id);
  const auto page = student_page("school:s2");

  const std::string typed = "Mijn+eigen+woorden+";
  const auto too_long = post(page, report_form(meeting, typed + std::string(4000, 'a')));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_TRUE(has(too_long, "Je reflectie is te lang: hoogstens 4000 tekens.")) << too_long.body.substr(0, 2000);
  EXPECT_TRUE(has(too_long, "Mijn eigen woorden " + std::string(4000, 'a'))) << "what was typed is kept";
  EXPECT_TRUE(has(too_long, "value=\"Meeloopdag zorg\""));
  const auto empty = post(page, report_form(meeting, "+++"));
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(has(empty, "Schrijf je reflectie in het tekstvak."));
  const auto long_activity = post(page, "meeting=" + meeting.id + "&reflection=ok&activity2=" + std::string(201, 'b'));
  EXPECT_EQ(long_activity.status, 422);
  EXPECT_TRUE(has(long_activity, "hoogstens 200 tekens"));
  EXPECT_EQ(post(page, "meeting=" + meeting.id + "&reflection=%ff%fe").status, 400) << "not UTF-8";
  EXPECT_EQ(post(page, "meeting=" + meeting.id + "&reflection=%zz").status, 400);
  EXPECT_EQ(post(page, "meeting=" + meeting.id + "&reflection=" + std::string(70 * 1024, 'a')).status, 413);
  EXPECT_EQ(request(port(), "POST", page, "application/json", "{}").status, 400);
  EXPECT_EQ(post(page, report_form(other)).status, 404) << "another student's meeting";
  EXPECT_EQ(post(page, "reflection=ok").status, 404) << "no meeting named";

  auto forged = page;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const auto& bad : {forged, student_page("school:s2", clock_.now() - 1h), record_page("x", "school:s2").replace(1, 1, "s"),
                          std::string("/s/not-a-token")}) {
    EXPECT_EQ(get(bad).status, 404) << bad.substr(0, 8);
    EXPECT_EQ(post(bad, report_form(meeting)).status, 404);
  }

  // A no-show is planned again: no report for it until the new conversation begins.
  {
    auto store = open();
    ASSERT_TRUE(store->meetings().mark_attendance(meeting.id, store::Attendance::no_show, "school:t2", clock_.now()));
  }
  const auto missed = post(page, report_form(meeting));
  EXPECT_EQ(missed.status, 409);
  EXPECT_TRUE(has(missed, "niet plaatsgevonden")) << missed.body.substr(0, 2000);
  EXPECT_TRUE(open()->student_reports().all_student_reports().empty()) << "nothing was stored";

  daemon_->process().signal(SIGTERM);
  daemon_->process().wait(30s);
  const auto log = daemon_->process().drained_stderr();
  EXPECT_NE(log.find("/s/{token}"), std::string::npos);
  EXPECT_EQ(log.find(page.substr(3)), std::string::npos) << "never the token";
  EXPECT_EQ(log.find("Mijn eigen"), std::string::npos) << "never the text";
}

// Issue 13, "Done when": one student's conversation with the parents through the year. The
// family does not come: it is not counted, the mentor is to call them and the next plan gives it
// a new time. Then it is held: the mentor's record and the student's own report, both signed by
// a parent, land in each dossier sink exactly once however often the jobs run.
TEST_F(StudentReport, AMissedConversationIsPlannedAgainAndOnceHeldEveryVersionLandsOnce) {
  auto meeting = meeting_of("school:s2");
  ASSERT_FALSE(meeting.id.empty());
  auto parents_missing = [&] {
    for (const auto& row : cli_json({"coverage"}))
      if (row["student"] == "school:s2")
        for (const auto& type : row["missing"])
          if (type == "parents") return true;
    return false;
  };
  EXPECT_TRUE(parents_missing());

  let_meeting_start(dir_ / "state/lobsync.db", meeting.id);
  EXPECT_EQ(cli_json({"attendance", meeting.id, "no-show"})["status"], "missed");
  EXPECT_TRUE(parents_missing()) << "a no-show is not a held conversation";
  bool called = false;
  const auto calls = cli_json({"calllist", "--mentor", "school:t2"});
  for (const auto& e : calls["entries"])
    called |= e["meeting"] == meeting.id && e["reasons"].dump().find("missed") != std::string::npos;
  EXPECT_TRUE(called) << "the family is on the mentor's call list: " << calls.dump();
  EXPECT_EQ(post(student_page("school:s2"), report_form(meeting)).status, 409) << "no report of a conversation that did not happen";

  cli_json({"plan"});
  meeting = meeting_of("school:s2");
  EXPECT_EQ(meeting.status, domain::kPlanned);
  EXPECT_GT(meeting.start, clock_.now()) << "a new time, after now";

  let_meeting_start(dir_ / "state/lobsync.db", meeting.id);
  const auto record = mentor_record(meeting);
  ASSERT_FALSE(record.empty());
  EXPECT_FALSE(parents_missing()) << "held once the record is written";
  ASSERT_EQ(post(student_page("school:s2"), report_form(meeting)).status, 303);
  const auto parent = record_page(record, "school:p1");
  ASSERT_EQ(post(parent, "action=sign&version=1").status, 200);
  ASSERT_EQ(post(parent, "action=sign_report&report_version=1").status, 200);

  for (int run = 0; run < 3; ++run) {
    cli_json({"dossier"});
    EXPECT_EQ(cli_json({"dispatch"})["failed"], 0);
  }
  const auto report_id = meeting.id + ":student";
  EXPECT_EQ(dossier_files(), (std::multiset<std::string>{record + "-v1.json", sdk::safe_file_name(report_id + "-v1") + ".json"}));
  EXPECT_EQ(delivered_keys(), (std::multiset<std::string>{"dossier:" + record + ":v1", "dossier:" + report_id + ":v1"}));
  for (const auto& d : webhook_.deliveries())
    EXPECT_TRUE(d.body["meeting"].contains("career_phase")) << d.idempotency_key << " carries the phase";
}

// The year of class 3H as the "Done when" of the LOB programme asks: the family of Emre does not
// come and is on the call list, then cancels the new time, and the third one is held; Noor (18)
// comes alone. Each writes a report; Emre's parent signs both his versions and Noor signs her
// record herself; at the end the whole class is covered and every final version is in each
// dossier once.
TEST_F(StudentReport, AClassThroughItsYearEveryConversationHeldOnceAndEveryVersionInTheDossierOnce) {
  const auto missing = [&] {
    std::set<std::string> out;
    for (const auto& row : cli_json({"coverage"}))
      for (const auto& type : row["missing"]) out.insert(row["student"].get<std::string>() + " " + type.get<std::string>());
    return out;
  };
  EXPECT_EQ(missing(), (std::set<std::string>{"school:s2 parents", "school:s5 parents"}));
  const auto on_call_list = [&](const std::string& meeting, const std::string& reason) {
    const auto calls = cli_json({"calllist", "--mentor", "school:t2"});
    for (const auto& e : calls["entries"])
      if (e["meeting"] == meeting && e["reasons"].dump().find(reason) != std::string::npos) return true;
    return false;
  };

  // Emre: no-show, then cancelled by the family, each time planned again and on the call list.
  auto emre = meeting_of("school:s2");
  for (const char* outcome : {"no-show", "family-cancelled"}) {
    let_meeting_start(dir_ / "state/lobsync.db", emre.id);
    EXPECT_EQ(cli_json({"attendance", emre.id, outcome})["status"], "missed") << outcome;
    EXPECT_TRUE(on_call_list(emre.id, "missed")) << outcome;
    cli_json({"plan"});
    emre = meeting_of("school:s2");
    EXPECT_EQ(emre.status, domain::kPlanned) << outcome;
    EXPECT_GT(emre.start, clock_.now()) << outcome;
  }
  EXPECT_EQ(missing(), (std::set<std::string>{"school:s2 parents", "school:s5 parents"}));

  // Both conversations happen; the mentor records them and marks them held in one go.
  auto noor = meeting_of("school:s5");
  std::map<std::string, std::string> records;  // student → record id
  for (const auto& m : {emre, noor}) {
    let_meeting_start(dir_ / "state/lobsync.db", m.id);
    records[m.student] = mentor_record(m);
    ASSERT_FALSE(records[m.student].empty()) << m.student;
    ASSERT_EQ(post(student_page(m.student), report_form(m)).status, 303) << m.student;
  }
  EXPECT_TRUE(missing().empty()) << "the whole class is covered once both are held";
  EXPECT_FALSE(on_call_list(emre.id, "missed")) << "held: off the call list";

  // Emre's parent signs the record and his report; he edits the report once more and the parent
  // signs the new version too.
  const auto parent = record_page(records["school:s2"], "school:p1");
  ASSERT_EQ(post(parent, "action=sign&version=1").status, 200);
  ASSERT_EQ(post(parent, "action=sign_report&report_version=1").status, 200);
  ASSERT_EQ(post(student_page("school:s2"), report_form(emre, "Toch+liever+techniek")).status, 303);
  ASSERT_EQ(post(parent, "action=sign_report&report_version=2").status, 200);
  // Noor is 18 and came alone: she signs the record herself; her parent took no part and has no
  // page. Only a parent's signature counts for a report, so hers waits the week to be final.
  ASSERT_EQ(post(record_page(records["school:s5"], "school:s5"), "action=sign&version=1").status, 200);
  EXPECT_EQ(get(record_page(records["school:s5"], "school:p5")).status, 404);

  for (int run = 0; run < 3; ++run) {
    const auto pushed = cli_json({"dossier"});
    EXPECT_EQ(pushed["waiting"], 1) << "Noor's report: " << pushed.dump();
    EXPECT_EQ(cli_json({"dispatch"})["failed"], 0);
  }
  std::multiset<std::string> files, keys;
  for (const auto& [student, record] : records) {
    const auto meeting = student == "school:s2" ? emre.id : noor.id;
    files.insert(record + "-v1.json");
    keys.insert("dossier:" + record + ":v1");
    const int versions = student == "school:s2" ? 2 : 0;  // Noor's is not final yet
    for (int v = 1; v <= versions; ++v) {
      files.insert(sdk::safe_file_name(meeting + ":student-v" + std::to_string(v)) + ".json");
      keys.insert("dossier:" + meeting + ":student:v" + std::to_string(v));
    }
  }
  EXPECT_EQ(dossier_files(), files);
  EXPECT_EQ(delivered_keys(), keys);
}

}  // namespace
}  // namespace lobsync::test::student_report_test
