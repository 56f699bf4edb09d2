// A student of 18 or over decides whether the parents come, the whole way through real servers
// on loopback: `lobsync plan` waits and asks the student once (a mail through the smtp plugin to
// aiosmtpd), the page of `lobsync serve` at /q/<token> takes the answer (303 back to a GET), and
// only after "invite my parents" does the next plan invite the parent, whose invitation then
// arrives; a change of mind to "I come alone" sends that parent a cancellation.
#include "daemon_fixture.h"

#include "links/adult_choice_link.h"
#include "links/token.h"
#include "store/store.h"
#include "support/smtp_server.h"

#include <gtest/gtest.h>

namespace lobsync::test::adult_choice_test {
namespace {

using nlohmann::json;

// Sara (20, with an address) in 6V; her mother may be mailed.
const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"6v","name":"6V","year":6,"level":"vwo"}
{"kind":"staff","source_id":"t1","given_name":"Anna","family_name":"Jansen","email":"a.jansen@school.example"}
{"kind":"mentor","staff":"t1","group":"6v"}
{"kind":"student","source_id":"s1","given_name":"Sara","family_name":"Bakker","group":"6v","birth_date":"2006-01-15","email":"sara@students.example"}
{"kind":"guardian","source_id":"p1","family_name":"Bakker","email":"moeder@home.example","household":"h1","students":[{"student":"s1"}]}
)";

constexpr const char* kPublicUrl = "http://127.0.0.1:1";

struct Reply {
  long status = 0;
  std::string body, headers;
};

Reply request(int port, const std::string& path, const std::string& method = "GET",
              const std::optional<std::string>& body = std::nullopt) {
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), method, body,
                                          {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(r.code, CURLE_OK);
  return {r.status, r.body, r.headers};
}

int mails_to(const std::vector<SmtpMessage>& messages, const std::string& rcpt, const std::string& containing = "") {
  int n = 0;
  for (const auto& m : messages)
    if (m.rcpt == rcpt && (containing.empty() || m.raw.find(containing) != std::string::npos)) ++n;
  return n;
}

class AdultChoice : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    auto config = base_config(dir_);
    config["http"]["public_url"] = kPublicUrl;
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["smtp"] = {{"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp_.port()},
                                 {"security", "none"}, {"allow_plaintext", true}};
    // Only the conversation with parents, allowed all year: months before its window closes.
    config["planning"] = {{"organizer", {{"email", "lob@school.example"}, {"name", "LOB"}}},
                          {"mailer", "smtp"},
                          {"notice_days", 1},
                          {"types",
                           {{"introduction", {{"enabled", false}}},
                            {"profile_choice", {{"enabled", false}}},
                            {"internship", {{"enabled", false}}},
                            {"follow_up_education", {{"enabled", false}}},
                            {"closing", {{"enabled", false}}},
                            {"individual", {{"enabled", false}}},
                            {"parents", {{"weeks", "31-30"}}}}}};
    file_ = write_config(dir_, config);
    ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
  }

  json cli_json(const std::vector<std::string>& args) {
    const auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }

  // The page's address as the question mail has it (signed with the store's key).
  std::string page(const std::string& school_year, std::optional<Instant> expires = std::nullopt) {
    auto store = store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_);
    const auto key = store->link_keys().newest_link_key();
    EXPECT_TRUE(key.has_value());
    const auto subject = links::adult_choice_subject({school_year, "parents", "school:s1"});
    return "/q/" + links::sign(*key, links::kAdultChoice, subject, expires ? *expires : clock_.now() + std::chrono::hours(24 * 400));
  }

  SmtpServer smtp_;
  ScratchDir dir_;
  SystemClock clock_;
  std::string file_;
};

TEST_F(AdultChoice, TheStudentIsAskedOnceAndTheParentIsInvitedOnlyAfterYes) {
  auto plan = cli_json({"plan", "--config", file_, "--json"});
  ASSERT_EQ(plan["waiting"].size(), 1u) << plan.dump();
  EXPECT_EQ(plan["waiting"][0]["student"], "school:s1");
  EXPECT_EQ(plan["planned"], 0);
  EXPECT_EQ(plan["adult_students_asked"], 1);
  const std::string year = plan["school_year"];
  cli_json({"dispatch", "--config", file_, "--json"});
  auto mails = smtp_.messages();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails_to(mails, "sara@students.example", "/q/"), 1) << mails[0].raw;
  EXPECT_EQ(mails_to(mails, "moeder@home.example"), 0);

  // Asked once: the next plan waits still, and asks nobody again.
  plan = cli_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(plan["adult_students_asked"], 0);
  cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(smtp_.messages().size(), 1u);

  Daemon daemon(file_);
  const auto path = page(year);
  auto shown = request(daemon.port(), path);
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Nodig mijn ouders of verzorgers uit"), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("Je hebt nog niet gekozen"), std::string::npos);
  EXPECT_NE(shown.body.find("Dit gesprek (Loopbaangesprek met ouders) is bedoeld voor jou"), std::string::npos)
      << "the title in brackets, not with its capital mid-sentence";
  // Forged, expired and wrong-purpose links are the same "invalid or expired" page.
  EXPECT_EQ(request(daemon.port(), path + "x").status, 404);
  EXPECT_EQ(request(daemon.port(), page(year, clock_.now() - std::chrono::hours(1))).status, 404);
  EXPECT_EQ(request(daemon.port(), "/p/" + path.substr(3)).status, 404);
  // A broken or unknown answer changes nothing.
  EXPECT_EQ(request(daemon.port(), path, "POST", "answer=maybe").status, 400);
  EXPECT_EQ(request(daemon.port(), path, "POST", "answer=%zz").status, 400);

  auto posted = request(daemon.port(), path, "POST", "answer=parents");
  EXPECT_EQ(posted.status, 303);
  EXPECT_NE(posted.headers.find(path + "?done=saved"), std::string::npos) << posted.headers;
  shown = request(daemon.port(), path + "?done=saved");
  EXPECT_NE(shown.body.find("Je keuze is bewaard"), std::string::npos) << shown.body;
  EXPECT_NE(shown.body.find("je ouders of verzorgers worden uitgenodigd"), std::string::npos);

  plan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  EXPECT_TRUE(plan["waiting"].empty());
  ASSERT_EQ(plan["planned"], 1);
  cli_json({"dispatch", "--config", file_, "--json"});
  mails = smtp_.messages();
  EXPECT_EQ(mails_to(mails, "moeder@home.example", "method=REQUEST"), 1) << "the parent is invited after the yes";
  EXPECT_EQ(mails_to(mails, "sara@students.example", "method=REQUEST"), 1);

  // A change of mind before the meeting: the parent's invitation is cancelled, Sara's updated.
  posted = request(daemon.port(), path, "POST", "answer=alone");
  EXPECT_EQ(posted.status, 303);
  plan = cli_json({"plan", "--config", file_, "--json"});
  EXPECT_EQ(plan["updated"], 1) << plan.dump();
  cli_json({"dispatch", "--config", file_, "--json"});
  mails = smtp_.messages();
  EXPECT_EQ(mails_to(mails, "moeder@home.example", "method=CANCEL"), 1);
  EXPECT_EQ(mails_to(mails, "sara@students.example", "method=REQUEST"), 2) << "the update";

  // The language switch keeps Sara's choice of language and shows the page in it (303 to GET).
  posted = request(daemon.port(), path, "POST", "action=language&language=en");
  EXPECT_EQ(posted.status, 303);
  shown = request(daemon.port(), path);
  EXPECT_NE(shown.body.find("Your choice: you come alone."), std::string::npos) << shown.body;
  EXPECT_EQ(request(daemon.port(), path, "POST", "action=language&language=xx").status, 400);

  // Once the meeting is confirmed the answer can no longer change here; the page says why.
  auto store = store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_);
  for (auto m : store->meetings().meetings(year)) {
    if (m.student != "school:s1" || !m.active()) continue;
    const int sequence = m.sequence;
    m.status = domain::kConfirmed;
    ASSERT_TRUE(store->meetings().save_if_sequence(m, sequence, {}, clock_.now()));
  }
  posted = request(daemon.port(), path, "POST", "answer=parents");
  EXPECT_EQ(posted.status, 409);
  EXPECT_NE(posted.body.find("You can no longer change your choice here"), std::string::npos) << posted.body;
  EXPECT_EQ(posted.body.find("<form method=\"post\" class=\"actions\">"), std::string::npos) << "no answer buttons";
  EXPECT_EQ(store->adult_choices().adult_choice("school:s1", "parents", year)->answer, store::AdultAnswer::alone);

  // Who answered stays out of the audit log; what was answered is in it.
  int answered = 0;
  for (const auto& e : store->recent_audit(100)) {
    if (e.action != "adult_choice.answered") continue;
    ++answered;
    EXPECT_EQ(e.subject, "conversation-type:parents");
    EXPECT_EQ(e.detail.dump().find("s1"), std::string::npos);
  }
  EXPECT_EQ(answered, 2);
}

}  // namespace
}  // namespace lobsync::test::adult_choice_test
