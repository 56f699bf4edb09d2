// `lobsync serve` home assignment pages and the mentor's record form on a synced and planned
// roster: GET shows and changes nothing, POST marks the assignment done and the mentor sees the
// status and answer in the API and the feed; forged, expired, misused and cancelled links;
// oversized and broken posts; the record form prefills, re-shows errors and stores versions
// the records API lists.
#include "daemon_fixture.h"
#include "meeting_time.h"

#include "assignments/assignment_links.h"
#include "core/iso_time.h"
#include "links/token.h"
#include "store/store.h"

#include <gtest/gtest.h>

namespace lobsync::test::assignments_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Bram de Vries (t2) mentors Emre (no e-mail) and Yonas; Emre's parent p1 has an address.
const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"1a","name":"1A","year":1,"level":"havo"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t1","given_name":"Anna","family_name":"Jansen","email":"a.jansen@school.example"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t1","group":"1a"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s1","given_name":"Zoë","family_name":"Özdemir","group":"1a"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Özdemir","group":"3h"}
{"kind":"student","source_id":"s4","given_name":"Yonas","family_name":"Tesfay","group":"3h","language":"en"}
{"kind":"guardian","source_id":"p1","family_name":"Özdemir","email":"ozdemir@home.example","household":"h1","students":[{"student":"s1"},{"student":"s2"}]}
{"kind":"guardian","source_id":"p4","family_name":"Stichting Nidos","is_organisation":true,"email":"voogd@nidos.example","language":"en","students":[{"student":"s4"}]}
)";

constexpr const char* kPublicUrl = "http://127.0.0.1:1";

struct Reply {
  long status = 0;
  std::string body;
  std::string headers;  // as received
};

Reply request(int port, const std::string& path, const std::string& method = "GET", const std::optional<std::string>& body = std::nullopt,
              const std::vector<std::string>& extra = {"Content-Type: application/x-www-form-urlencoded"}) {
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), method, body, extra);
  EXPECT_EQ(r.code, CURLE_OK) << path.substr(0, 3);
  return {r.status, r.body, r.headers};
}

Reply api(int port, const std::string& path, const std::optional<std::string>& token) {
  std::vector<std::string> extra;
  if (token) extra.push_back("Authorization: Bearer " + *token);
  return request(port, path, "GET", std::nullopt, extra);
}

std::string encode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c)) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

class Assignments : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    auto config = base_config(dir_);
    config["http"]["public_url"] = kPublicUrl;
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
                            {"individual", {{"weeks", "31-30"}}},
                            {"parents", {{"weeks", "31-30"}, {"years", {1, 2, 3, 4, 5, 6}}}}}}};
    config["assignments"] = {{"types", {{"individual", nullptr}}}};
    config_ = config;
    file_ = write_config(dir_, config);
    const auto sync = lobsync({"sync", "--config", file_, "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
    const auto plan = lobsync({"plan", "--config", file_, "--json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    daemon_ = std::make_unique<Daemon>(file_);
    bram_ = issue("school:t2");
    anna_ = issue("school:t1");
    meeting_ = find_meeting("parents", "school:s2");
  }

  std::string issue(const std::string& mentor) {
    const auto r = lobsync({"tokens", "issue", "--config", file_, "--mentor", mentor});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }

  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_); }

  domain::Meeting find_meeting(const std::string& type, const std::string& student) {
    auto store = open();
    for (const auto& m : store->meetings().mentor_meetings("school:t2"))
      if (m.type == type && m.student == student) return m;
    ADD_FAILURE() << "no " << type << " meeting for " << student;
    return {};
  }

  std::string sign(const std::string& subject, std::string_view purpose, std::optional<Instant> expires) {
    auto store = open();
    const auto key = store->link_keys().newest_link_key();
    EXPECT_TRUE(key.has_value());
    return links::sign(*key, purpose, subject, expires);
  }
  std::string assignment_path(const domain::Meeting& m, const std::string& participant) {
    return "/a/" + sign(links::booking_subject(m.id, participant), links::kAssignment, m.end + assignments::kAssignmentLinkGrace);
  }
  std::string record_form_path() {
    const auto r = lobsync({"links", "record", "--config", file_, "--meeting", meeting_.id});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto url = r.out.substr(0, r.out.find('\n'));
    EXPECT_EQ(url.rfind(std::string(kPublicUrl) + "/m/", 0), 0u) << url;
    return url.substr(std::string(kPublicUrl).size());
  }

  void cancel(const domain::Meeting& m) {
    auto cancelled = m;
    cancelled.status = domain::kCancelled;
    ++cancelled.sequence;
    auto store = open();
    store->meetings().save({cancelled}, {}, clock_.now());
  }

  json meeting_api(const std::string& token) {
    const auto reply = api(port(), "/api/v1/meetings/" + meeting_.id, token);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body, nullptr, false);
  }

  int port() const { return daemon_->port(); }

  ManualClock clock_{instant_from_unix_ms(0)};
  ScratchDir dir_;
  json config_;
  std::string file_, bram_, anna_;
  domain::Meeting meeting_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(Assignments, GetShowsPostMarksDoneAndTheMentorSeesIt) {
  const auto path = assignment_path(meeting_, "school:p1");
  const auto page = request(port(), path);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Praat met een familielid over drie beroepen"), std::string::npos);
  EXPECT_NE(page.body.find("Emre"), std::string::npos);
  EXPECT_NE(page.body.find("nog niet gedaan"), std::string::npos);
  EXPECT_NE(page.body.find("name=\"answer\""), std::string::npos);
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  EXPECT_EQ(request(port(), path).status, 200);
  EXPECT_FALSE(open()->assignments().assignment(meeting_.id)) << "GET changes nothing";

  const auto before = meeting_api(bram_);
  EXPECT_EQ(before["id"], meeting_.id);
  EXPECT_EQ(before["type"], "parents");
  EXPECT_EQ(before["student"], "school:s2");
  EXPECT_EQ(before["start"], iso_utc(meeting_.start));
  EXPECT_EQ(before["sequence"], meeting_.sequence);
  EXPECT_EQ(before["assignment"], json({{"template", "three_professions_talk"}, {"status", "open"}, {"done_at", nullptr},
                                        {"done_by", nullptr}, {"answer", ""}}));

  const auto done = request(port(), path, "POST", "answer=" + encode("Mijn vader is kok & dat vindt Emre mooi"));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Dank u wel"), std::string::npos) << "a parent is addressed with u";
  const auto after = meeting_api(bram_);
  EXPECT_EQ(after["assignment"]["status"], "done");
  EXPECT_EQ(after["assignment"]["done_by"], "parent");
  EXPECT_EQ(after["assignment"]["answer"], "Mijn vader is kok & dat vindt Emre mooi");
  const auto done_at = after["assignment"]["done_at"].get<std::string>();
  EXPECT_TRUE(done_at.ends_with("Z")) << done_at;
  EXPECT_NE(request(port(), path).body.find("Reactie bijwerken"), std::string::npos) << "the page shows it is done";

  // The student (no e-mail, but a link all the same) updates the answer; the first marking stays.
  ASSERT_EQ(request(port(), assignment_path(meeting_, "school:s2"), "POST", "answer=Gedaan%21").status, 200);
  const auto updated = meeting_api(bram_);
  EXPECT_EQ(updated["assignment"]["answer"], "Gedaan!");
  EXPECT_EQ(updated["assignment"]["done_by"], "parent");
  EXPECT_EQ(updated["assignment"]["done_at"], done_at);
  EXPECT_TRUE(open()->assignments().responded(meeting_.id, "school:p1"));

  // Only the meeting's mentor reads it.
  EXPECT_EQ(api(port(), "/api/v1/meetings/" + meeting_.id, std::nullopt).status, 401);
  EXPECT_EQ(api(port(), "/api/v1/meetings/" + meeting_.id, std::string("wrong-token")).status, 401);
  EXPECT_EQ(api(port(), "/api/v1/meetings/" + meeting_.id, anna_).status, 403);
  EXPECT_EQ(api(port(), "/api/v1/meetings/no-such-meeting", bram_).status, 404);
  const auto individual = find_meeting("individual", "school:s2");
  const auto none = api(port(), "/api/v1/meetings/" + individual.id, bram_);
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(json::parse(none.body)["assignment"].is_null()) << "individual: no assignment in this config";

  // The mentor's feed carries the status, the answer and the record form link.
  const auto feed = lobsync({"links", "feed", "--config", file_, "--mentor", "school:t2"});
  ASSERT_EQ(feed.exit_code, 0) << feed.err;
  const auto ics = request(port(), feed.out.substr(std::string(kPublicUrl).size(), feed.out.find('\n') - std::string(kPublicUrl).size()));
  ASSERT_EQ(ics.status, 200);
  write_file(dir_ / "feed.ics", ics.body);
  const auto parsed = run({python(), (source_dir() / "tests/fakes/ical/parse_ics.py").string(), (dir_ / "feed.ics").string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  bool seen = false;
  const auto calendar = json::parse(parsed.out).at(0);
  for (const auto& event : calendar["events"]) {
    if (event["uid"] != meeting_.id + "@school.example") continue;
    const auto description = event["description"].get<std::string>();
    EXPECT_NE(description.find("Thuisopdracht (Praat met een familielid over drie beroepen): gedaan"), std::string::npos) << description;
    EXPECT_NE(description.find("Reactie van leerling: Gedaan!"), std::string::npos) << description;
    EXPECT_NE(description.find("Verslag invullen of doorgeven dat het niet doorging: " + std::string(kPublicUrl) + "/m/"), std::string::npos) << description;
    seen = true;
  }
  EXPECT_TRUE(seen) << parsed.out;

  // The log names the route, never the token.
  daemon_->process().wait_for_stderr_line([](const std::string& l) { return l.find("POST /a/{token} 200") != std::string::npos; }, 10s);
  EXPECT_EQ(daemon_->process().drained_stderr().find(path.substr(3)), std::string::npos);
}

TEST_F(Assignments, ForgedExpiredMisusedAndCancelledLinks) {
  const auto path = assignment_path(meeting_, "school:p1");
  ASSERT_EQ(request(port(), path).status, 200);
  auto forged = path;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const auto subject = links::booking_subject(meeting_.id, "school:p1");
  const auto expired = "/a/" + sign(subject, links::kAssignment, instant_from_unix_ms(1000));
  const auto booking = "/a/" + sign(subject, links::kBooking, meeting_.end + 24h);
  const auto record_form = "/a/" + sign(meeting_.id, links::kRecordForm, meeting_.end + 24h);
  const auto stranger = "/a/" + sign(links::booking_subject(meeting_.id, "school:p4"), links::kAssignment, meeting_.end + 24h);
  const auto mentor = "/a/" + sign(links::booking_subject(meeting_.id, "school:t2"), links::kAssignment, meeting_.end + 24h);
  for (const auto& bad : {forged, expired, booking, record_form, stranger, mentor, std::string("/a/not-a-token")}) {
    const auto page = request(port(), bad);
    EXPECT_EQ(page.status, 404) << bad;
    EXPECT_NE(page.body.find("ongeldig of verlopen"), std::string::npos);
    EXPECT_EQ(request(port(), bad, "POST", "answer=x").status, 404) << bad;
  }
  // An assignment link is no booking link either.
  EXPECT_EQ(request(port(), "/p/" + path.substr(3)).status, 404);
  EXPECT_FALSE(open()->assignments().assignment(meeting_.id));

  // The link that worked is gone once the meeting is cancelled.
  cancel(meeting_);
  EXPECT_EQ(request(port(), path).status, 410);
  const auto after_cancel = request(port(), path, "POST", "answer=x");
  EXPECT_EQ(after_cancel.status, 410);
  EXPECT_NE(after_cancel.body.find("gaat niet door"), std::string::npos);
  EXPECT_FALSE(open()->assignments().assignment(meeting_.id));
}

TEST_F(Assignments, OversizedAndBrokenPostsChangeNothing) {
  const auto path = assignment_path(meeting_, "school:p1");
  std::string long_answer;
  for (int i = 0; i < 1001; ++i) long_answer += "é";
  const auto too_long = request(port(), path, "POST", "answer=" + encode(long_answer));
  EXPECT_EQ(too_long.status, 422);
  EXPECT_NE(too_long.body.find("te lang: hoogstens 1000 tekens"), std::string::npos);
  EXPECT_NE(too_long.body.find(long_answer), std::string::npos) << "what was typed is shown back";
  EXPECT_EQ(request(port(), path, "POST", "answer=" + std::string(20000, 'x')).status, 413);
  EXPECT_EQ(request(port(), path, "POST", "answer=%zz").status, 400);
  EXPECT_EQ(request(port(), path, "POST", "answer=%FF%FE").status, 400) << "not UTF-8";
  EXPECT_EQ(request(port(), path, "POST", "answer=x", {"Content-Type: text/plain"}).status, 400);
  EXPECT_FALSE(open()->assignments().assignment(meeting_.id));

  // Exactly 1000 characters is fine.
  long_answer.erase(long_answer.size() - 2);
  EXPECT_EQ(request(port(), path, "POST", "answer=" + encode(long_answer)).status, 200);
  EXPECT_EQ(open()->assignments().assignment(meeting_.id)->answer, long_answer);
}

TEST_F(Assignments, TheRecordFormStoresVersionsTheApiLists) {
  const auto path = record_form_path();
  // Opened from the calendar before the conversation: the link says so and takes nothing.
  const auto early = request(port(), path);
  EXPECT_EQ(early.status, 200);
  EXPECT_NE(early.body.find("Dit gesprek is nog niet begonnen."), std::string::npos) << early.body;
  EXPECT_EQ(early.body.find("name=\"look_back\""), std::string::npos);
  EXPECT_EQ(request(port(), path, "POST", "look_back=Vooraf").status, 409);
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kPlanned);
  let_meeting_start(dir_ / "state/lobsync.db", meeting_.id);

  const auto empty = request(port(), path);
  ASSERT_EQ(empty.status, 200) << empty.body;
  for (const auto* field : {"name=\"look_back\"", "name=\"reflect\"", "name=\"look_forward\"", "name=\"act\"",
                            "name=\"competence.work_exploration\"", "name=\"step2.owner\"", "name=\"attended.parent\"",
                            "name=\"home_assignment_discussed\""})
    EXPECT_NE(empty.body.find(field), std::string::npos) << field;
  EXPECT_EQ(empty.body.find("<script"), std::string::npos);
  EXPECT_EQ(empty.body.find("Ingevuld met versie"), std::string::npos);
  EXPECT_EQ(empty.body.find("aandebak_discussed"), std::string::npos) << "this type does not ask it";

  const auto invalid = request(port(), path, "POST", "look_back=&step0.what=&step0.due=2027-02-30&step0.owner=student&step1.what=Bellen&step1.owner=boss");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("Vul minstens één fase in."), std::string::npos) << invalid.body;
  EXPECT_NE(invalid.body.find("Vul een geldige datum in"), std::string::npos);
  EXPECT_NE(invalid.body.find("Kies wie het doet."), std::string::npos);
  EXPECT_NE(invalid.body.find("value=\"Bellen\""), std::string::npos) << "what was typed is shown back";

  auto records = api(port(), "/api/v1/students/school%3As2/records", bram_);
  ASSERT_EQ(records.status, 200);
  EXPECT_TRUE(json::parse(records.body)["records"].empty()) << "nothing stored";

  const std::string form = "look_back=" + encode("Stage bij de bakker") + "&reflect=&look_forward=Zorg&act=" +
                           "&competence.work_exploration=on&step0.what=" + encode("Open dag") +
                           "&step0.owner=parent&step0.due=2027-03-28&step1.what=&step1.owner=student&step1.due=" +
                           "&attended.student=on&attended.mentor=on&home_assignment_discussed=on";
  const auto saved = request(port(), path, "POST", form);
  ASSERT_EQ(saved.status, 201) << saved.body;
  EXPECT_NE(saved.body.find("Versie 1"), std::string::npos);

  records = api(port(), "/api/v1/students/school%3As2/records", bram_);
  const auto list = json::parse(records.body)["records"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["meeting"], meeting_.id);
  EXPECT_EQ(list[0]["versions"][0]["body"],
            json({{"phases", {{"look_back", "Stage bij de bakker"}, {"reflect", ""}, {"look_forward", "Zorg"}, {"act", ""}}},
                  {"competences", {"work_exploration"}},
                  {"next_steps", {{{"what", "Open dag"}, {"owner", "parent"}, {"due", "2027-03-28"}}}},
                  {"attended", {"student", "mentor"}},
                  {"home_assignment_discussed", true}}));
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kHeld);

  const auto prefilled = request(port(), path);
  ASSERT_EQ(prefilled.status, 200);
  EXPECT_NE(prefilled.body.find("Ingevuld met versie 1"), std::string::npos);
  EXPECT_NE(prefilled.body.find(">Stage bij de bakker</textarea>"), std::string::npos);
  EXPECT_NE(prefilled.body.find("name=\"competence.work_exploration\" value=\"on\" checked"), std::string::npos);
  EXPECT_NE(prefilled.body.find("value=\"2027-03-28\""), std::string::npos);

  ASSERT_EQ(request(port(), path, "POST", form).status, 201);
  records = api(port(), "/api/v1/students/school%3As2/records", bram_);
  EXPECT_EQ(json::parse(records.body)["records"][0]["versions"].size(), 2u);
  const auto audit = open()->recent_audit(5);
  EXPECT_EQ(audit.at(0).action, "record.submit");
  EXPECT_EQ(audit.at(0).actor, "school:t2");
}

// Seed 002: in the profile choice the mentor points out the AanDeBak-garantie. A type that asks
// it (as the shipped profile_choice does) puts the question on the form; the answer, ticked or
// not, is stored, shown ticked again, and stays asked when the school turns the question off.
TEST_F(Assignments, TheRecordFormRecordsWhetherTheAanDeBakGuaranteeWasDiscussed) {
  const auto restart_with_aandebak = [&](bool asked) {
    config_["planning"]["types"]["parents"]["aandebak"] = asked;
    write_config(dir_, config_);
    daemon_.reset();
    daemon_ = std::make_unique<Daemon>(file_);
  };
  restart_with_aandebak(true);
  const auto path = record_form_path();
  let_meeting_start(dir_ / "state/lobsync.db", meeting_.id);
  const auto form = request(port(), path);
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_NE(form.body.find("name=\"aandebak_discussed\""), std::string::npos);
  EXPECT_NE(form.body.find("AanDeBak-garantie besproken"), std::string::npos);

  ASSERT_EQ(request(port(), path, "POST", "look_back=Profiel&aandebak_discussed=on").status, 201);
  EXPECT_NE(request(port(), path).body.find("name=\"aandebak_discussed\" value=\"on\" checked"), std::string::npos);
  ASSERT_EQ(request(port(), path, "POST", "look_back=Profiel").status, 201) << "unticked: not discussed";
  const auto versions = json::parse(api(port(), "/api/v1/students/school%3As2/records", bram_).body)["records"][0]["versions"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["body"]["aandebak_discussed"], true);
  EXPECT_EQ(versions[1]["body"]["aandebak_discussed"], false);

  restart_with_aandebak(false);
  const auto kept = request(port(), path);
  EXPECT_NE(kept.body.find("name=\"aandebak_discussed\""), std::string::npos) << "a stored answer keeps its question";
  ASSERT_EQ(request(port(), path, "POST", "look_back=Profiel&aandebak_discussed=on").status, 201);
  const auto third = json::parse(api(port(), "/api/v1/students/school%3As2/records", bram_).body)["records"][0]["versions"][2];
  EXPECT_EQ(third["body"]["aandebak_discussed"], true);
}

TEST_F(Assignments, TheMentorSaysFromTheRecordFormThatTheConversationDidNotTakePlace) {
  const auto path = record_form_path();
  EXPECT_EQ(request(port(), path, "POST", "action=attendance&outcome=no_show").status, 409) << "not started yet";
  let_meeting_start(dir_ / "state/lobsync.db", meeting_.id);
  const auto page = request(port(), path);
  for (const auto* button : {"name=\"outcome\" value=\"held\"", "name=\"outcome\" value=\"no_show\"",
                             "name=\"outcome\" value=\"family_cancelled\""})
    EXPECT_NE(page.body.find(button), std::string::npos) << button;
  EXPECT_EQ(request(port(), path, "POST", "action=attendance&outcome=late").status, 400);
  EXPECT_EQ(request(port(), path, "POST", "action=attendance").status, 400);
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kPlanned);

  const auto marked = request(port(), path, "POST", "action=attendance&outcome=no_show");
  ASSERT_EQ(marked.status, 303) << marked.body;
  EXPECT_NE(marked.headers.find("Location: " + std::string(kPublicUrl) + path + "?done=no_show\r\n"), std::string::npos)
      << marked.headers;
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kMissed);
  const auto audit = open()->recent_audit(1);
  EXPECT_EQ(audit.at(0).action, "meeting.attendance");
  EXPECT_EQ(audit.at(0).actor, "school:t2");
  const auto after = request(port(), path + "?done=no_show");
  EXPECT_NE(after.body.find("Doorgegeven: niet gekomen."), std::string::npos) << after.body;

  // It took place after all: the record makes it held, and the page no longer claims otherwise.
  ASSERT_EQ(request(port(), path, "POST", "look_back=" + encode("Toch gesproken") + "&attended.student=on").status, 201);
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kHeld);
  EXPECT_EQ(request(port(), path + "?done=no_show").body.find("Doorgegeven: niet gekomen."), std::string::npos);
}

TEST_F(Assignments, TheRecordFormRefusesBadLinksAndBodies) {
  const auto path = record_form_path();
  auto forged = path;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const auto expired = "/m/" + sign(meeting_.id, links::kRecordForm, instant_from_unix_ms(1000));
  const auto assignment = "/m/" + sign(links::booking_subject(meeting_.id, "school:p1"), links::kAssignment, meeting_.end + 24h);
  const auto wrong_purpose = "/m/" + sign(meeting_.id, links::kFeed, std::nullopt);
  const auto unknown = "/m/" + sign("no-such-meeting", links::kRecordForm, meeting_.end + 24h);
  for (const auto& bad : {forged, expired, assignment, wrong_purpose, unknown}) {
    EXPECT_EQ(request(port(), bad).status, 404) << bad;
    EXPECT_EQ(request(port(), bad, "POST", "look_back=x").status, 404) << bad;
  }
  EXPECT_EQ(request(port(), path, "POST", "look_back=" + std::string(300 * 1024, 'x')).status, 413);
  EXPECT_EQ(request(port(), path, "POST", "look_back=x", {"Content-Type: text/plain"}).status, 400);
  EXPECT_EQ(request(port(), path, "POST", "look_back=%zz").status, 400);
  EXPECT_EQ(request(port(), path, "POST", "look_back=%C3").status, 400);
  EXPECT_EQ(find_meeting("parents", "school:s2").status, domain::kPlanned);
  EXPECT_EQ(lobsync({"links", "record", "--config", file_, "--meeting", "no-such-meeting"}).exit_code, 2);

  cancel(meeting_);
  EXPECT_EQ(request(port(), path).status, 410);
  EXPECT_EQ(request(port(), path, "POST", "look_back=x").status, 410);
}

}  // namespace
}  // namespace lobsync::test::assignments_test
