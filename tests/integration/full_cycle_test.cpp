// The whole cycle on the demo school (config/demo/roster, read by the oneroster plugin):
// sync → plan → invitations → the daily digest through the smtp plugin to a real aiosmtpd
// server, where the parent of two siblings gets ONE message with a section per child; the
// parent opens the home assignment link from that mail on the running `lobsync serve` and marks
// it done, and the mentor sees it; the mentor submits records; a parent signs one through the
// link from the next digest, and `lobsync dossier` + `lobsync dispatch` land it once in a
// dossier-files folder and once at a signature-checking webhook receiver; running everything
// again sends, writes and posts nothing new.
//
// The demo's plan depends on the day the test runs (its holidays and the conversation weeks are
// fixed), so the test picks its parents and offsets from the plan and asserts every such
// precondition with a message saying why.
#include "daemon_fixture.h"
#include "meeting_time.h"

#include "links/base64url.h"
#include "links/token.h"
#include "store/school_model.h"
#include "store/store.h"
#include "support/smtp_server.h"
#include "support/webhook_receiver.h"

#include <gtest/gtest.h>

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace lobsync::test::full_cycle_test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

struct Reply {
  long status = 0;
  std::string body;
};

Reply request(const std::string& url, const std::string& method = "GET", const std::string& content_type = "",
              const std::optional<std::string>& body = std::nullopt, const std::string& bearer = "") {
  std::vector<std::string> lines;
  if (!content_type.empty()) lines.push_back("Content-Type: " + content_type);
  if (!bearer.empty()) lines.push_back("Authorization: Bearer " + bearer);
  const auto r = http::test::curl_request(url, method, body, lines);
  EXPECT_EQ(r.code, CURLE_OK) << method;  // never the URL: it carries a token
  return {r.status, r.body};
}

json record_body(const std::string& look_back) {
  return {{"phases", {{"look_back", look_back}, {"reflect", ""}, {"look_forward", "Zorg of techniek"}, {"act", ""}}},
          {"competences", {"work_exploration"}},
          {"next_steps", {{{"what", "Open dag bezoeken"}, {"owner", "student"}, {"due", "2027-03-28"}}}},
          {"attended", {"student", "parent", "mentor"}},
          {"home_assignment_discussed", true}};
}

// A parsed message's plain text part, with plain line ends.
std::string text_of(const json& mail) {
  auto text = mail["text"].get<std::string>();
  std::erase(text, '\r');
  return text;
}

// The text's paragraphs (a digest section is a heading, a rule and its lines, then a blank line).
std::vector<std::string> blocks(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find("\n\n", at);
    out.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end + 2;
  }
  return out;
}

// What a link's token is about: its subject claim, "<meeting or record>/<participant>".
std::string subject_of(const std::string& link) {
  const auto token = link.substr(link.rfind('/') + 1);
  const auto payload = links::base64url_decode(token.substr(0, token.find('.')));
  return payload ? json::parse(*payload, nullptr, false).value("s", "") : "";
}

// Every "<base>/<kind>/<token>" in the text (a token is base64url with dots).
std::vector<std::string> links_in(const std::string& text, const std::string& base, const std::string& kind) {
  std::vector<std::string> out;
  const auto prefix = base + "/" + kind + "/";
  for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
    auto end = at + prefix.size();
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || std::strchr("-_.", text[end])))
      ++end;
    while (text[end - 1] == '.') --end;  // the end of a sentence
    out.push_back(text.substr(at, end - at));
  }
  return out;
}

std::size_t mailed_parents(const domain::Meeting& m) {
  const auto mailed = [](const domain::Participant& p) { return p.role == "parent" && !p.email.empty(); };
  return static_cast<std::size_t>(std::count_if(m.participants.begin(), m.participants.end(), mailed));
}

bool with_parent(const domain::Meeting& m, const std::string& guardian) {
  return std::any_of(m.participants.begin(), m.participants.end(),
                     [&](const domain::Participant& p) { return p.role == "parent" && p.key == guardian; });
}

struct Siblings {
  const domain::Guardian* parent = nullptr;
  std::vector<domain::Meeting> meetings;  // the first planned meeting of each of two children, with this parent
};

// The parent with an e-mail address of two children whose meetings (one each) come first.
Siblings first_siblings(const domain::School& school, const std::vector<domain::Meeting>& meetings, Instant now) {
  Siblings best;
  const auto later = [](const std::vector<domain::Meeting>& two) { return std::max(two[0].start, two[1].start); };
  for (const auto& [key, guardian] : school.guardians) {
    if (guardian.email.empty() || guardian.students.size() < 2) continue;
    std::map<std::string, domain::Meeting> first_per_child;
    for (const auto& m : meetings) {
      if (m.status != domain::kPlanned || m.start <= now || !with_parent(m, key)) continue;
      auto& first = first_per_child[m.student];
      if (first.id.empty() || m.start < first.start) first = m;
    }
    if (first_per_child.size() < 2) continue;
    std::vector<domain::Meeting> two{first_per_child.begin()->second, std::next(first_per_child.begin())->second};
    if (!best.parent || later(two) < later(best.meetings)) best = {&guardian, two};
  }
  return best;
}

// A planned meeting from `after` on with parents who are in no meeting before it: nothing is due
// for them today.
const domain::Meeting* meeting_without_notices(const std::vector<domain::Meeting>& meetings, Instant after) {
  std::set<std::string> heard;
  for (const auto& m : meetings)
    if (m.start < after)
      for (const auto& p : m.participants) heard.insert(p.key);
  for (const auto& m : meetings) {
    if (m.status != domain::kPlanned || m.start < after || mailed_parents(m) == 0) continue;
    if (std::none_of(m.participants.begin(), m.participants.end(),
                     [&](const domain::Participant& p) { return p.role == "parent" && heard.count(p.key); }))
      return &m;
  }
  return nullptr;
}

class FullCycle : public ::testing::Test {
 protected:
  void SetUp() override {
    write_secret_file(dir_ / "webhook_secret", "webhook-test-secret\n");
    // The demo's own config (config/demo.json): its school, roster instance and planning, with
    // the roster's path made absolute, the invitations and digests sent through the smtp
    // instance and the mentors' calendar copies into a scratch folder.
    const auto demo = json::parse(read_file(source_dir() / "config/demo.json"), nullptr, true, /*ignore_comments=*/true);
    config_ = base_config(dir_);
    config_["school"] = demo.at("school");
    config_["plugins"]["demo-roster"] = demo.at("plugins").at("demo-roster");
    config_["plugins"]["demo-roster"]["path"] = (source_dir() / "config/demo/roster").string();
    config_["plugins"]["demo-calendar"] = demo.at("plugins").at("demo-calendar");
    config_["plugins"]["demo-calendar"]["folder"] = (dir_ / "calendar").string();
    config_["planning"] = demo.at("planning");
    config_["planning"]["mailer"] = "smtp";
    config_["plugins"]["smtp"] = {
        {"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp_.port()}, {"security", "none"}, {"allow_plaintext", true}};
    config_["plugins"]["files"] = {{"plugin", "dossier-files"}, {"folder", (dir_ / "dossiers").string()}};
    config_["plugins"]["hook"] = {
        {"plugin", "dossier-webhook"}, {"url", webhook_.url()}, {"secret", {{"file", (dir_ / "webhook_secret").string()}}}};
    config_["records"] = {{"dossier_sinks", {"files", "hook"}}};
    // `lobsync dispatch` delivers in this test: the daemon's own loop runs once at its start, on
    // an empty outbox (serve starts first), and then not for a day.
    config_["outbox"] = {{"poll_interval_seconds", 24 * 3600}};
    // No quiet hours, so the test does not depend on the hour it runs.
    config_["notices"] = {{"quiet_hours", ""}};
    file_ = write_config(dir_, config_);
    // Serve first, on port 0: links in the mails then point at this daemon (public_url below;
    // `serve` itself needs no public_url for the /a/ and /r/ pages, and never rereads the file).
    daemon_ = std::make_unique<Daemon>(file_);
    base_ = "http://127.0.0.1:" + std::to_string(daemon_->port());
    config_["http"]["public_url"] = base_;
    write_config(dir_, config_);
  }

  json cli(std::vector<std::string> args) {
    args.insert(args.end(), {"--config", file_, "--json"});
    const auto r = lobsync(args);
    EXPECT_EQ(r.exit_code, 0) << args.front() << ": " << r.out << r.err;
    return json::parse(r.out, nullptr, false);
  }
  std::string token_for(const std::string& mentor) {
    const auto r = lobsync({"tokens", "issue", "--config", file_, "--mentor", mentor});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }
  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_); }

  // Delivered messages from index `from` on, parsed by Python's email package, with their recipient.
  std::vector<std::pair<std::string, json>> parsed_since(std::size_t from) {
    const auto messages = smtp_.messages();
    std::vector<std::pair<std::string, json>> out;
    if (messages.size() <= from) return out;
    std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/ical/parse_mime.py").string()};
    for (auto m = messages.begin() + static_cast<std::ptrdiff_t>(from); m != messages.end(); ++m)
      argv.push_back((smtp_.out_dir() / (std::to_string(m->n) + ".eml")).string());
    const auto r = run(argv, 60s);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto parsed = json::parse(r.out);
    for (std::size_t i = 0; i < parsed.size(); ++i) out.emplace_back(messages[from + i].rcpt, parsed[i]);
    return out;
  }

  std::multiset<std::string> dossier_files() {
    std::multiset<std::string> out;
    if (!std::filesystem::exists(dir_ / "dossiers")) return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "dossiers"))
      if (e.is_regular_file()) out.insert(e.path().filename().string());
    return out;
  }

  SystemClock clock_;
  ScratchDir dir_;
  SmtpServer smtp_;
  WebhookReceiver webhook_;
  json config_;
  std::string file_, base_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(FullCycle, FromTheRosterToTheDossierOnTheDemoSchool) {
  // 1. Sync the demo roster and plan the school year.
  const auto sync = cli({"sync"});
  ASSERT_EQ(sync["status"], "applied") << sync.dump();
  ASSERT_EQ(sync["counts"]["students"]["added"], 60);
  const auto plan = cli({"plan"});
  ASSERT_GT(plan["planned"], 0) << "nothing to plan on this date (the school year's last weeks?): " << plan.dump();
  const auto now = clock_.now();

  // The parent of two siblings whose meetings come first, and how far ahead they are.
  auto store = open();
  const auto school = store::load_school(store->roster(), domain::default_guardian_organisations());
  const auto meetings = store->meetings().meetings(plan["school_year"].get<std::string>());
  store.reset();
  const auto found = first_siblings(school, meetings, now);
  const auto* parent = found.parent;
  const auto& siblings = found.meetings;
  ASSERT_NE(parent, nullptr) << "no parent of two children with a planned meeting each: the demo roster changed?";
  // The days until both siblings' meetings, rounded up, and one more: their reminders and home
  // assignments are then due now (a reminder counts 24-hour days, an assignment local calendar
  // days, which differ by an hour across a clock change).
  const auto ahead = std::max(siblings[0].start, siblings[1].start) - now;
  const int days = static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(ahead).count() / 24) + 2;
  ASSERT_LE(days, 60) << "the demo's first sibling meetings are more than 60 days ahead of today (the plan depends "
                         "on the date; 60 is the largest assignments.days_before)";
  config_["assignments"] = {{"days_before", days}};
  config_["notices"]["reminder_days"] = json::array({days});

  // A meeting whose parents hear nothing today: the digest rule (one message per recipient and
  // day) would hold a record notice for the siblings' parent until tomorrow, and the product has
  // no clock to turn. So the sign-off runs with the parents of a later meeting, who get their
  // first digest of the day with the record's link.
  const auto* quiet = meeting_without_notices(meetings, now + std::chrono::hours(24 * (days + 2)));
  ASSERT_NE(quiet, nullptr) << "every parent has something due within " << days
                            << " days of today: no parent left without a digest today (date-dependent)";
  const auto meeting = siblings[0];  // the one whose assignment and record the test follows
  file_ = write_config(dir_, config_);

  // 2. Invitations, then the digest.
  const auto invitations = cli({"dispatch"});
  ASSERT_EQ(invitations["failed"], 0) << invitations.dump();
  const auto invited = smtp_.messages().size();  // the mentors' copies went to the calendar folder
  ASSERT_GT(invited, 0u);
  ASSERT_GT(invitations["sent"].get<std::size_t>(), invited);
  const auto remind = cli({"remind"});
  EXPECT_GT(remind["digests"], 0) << remind.dump();
  EXPECT_EQ(remind["waiting_for_tomorrow"], 0) << remind.dump();
  EXPECT_EQ(remind["held_for_quiet_hours"], 0);
  const auto digests = cli({"dispatch"});
  EXPECT_EQ(digests["failed"], 0) << digests.dump();
  EXPECT_EQ(digests["sent"], remind["digests"]);

  const auto mails = parsed_since(invited);
  ASSERT_EQ(mails.size(), remind["digests"].get<std::size_t>());
  std::vector<json> to_parent;
  std::set<std::string> recipients;
  for (const auto& [rcpt, mail] : mails) {
    EXPECT_TRUE(recipients.insert(rcpt).second) << "one digest per recipient";
    if (rcpt == parent->email) to_parent.push_back(mail);
  }
  for (const auto& p : quiet->participants) {
    if (p.role == "parent" && !p.email.empty()) {
      EXPECT_EQ(recipients.count(p.email), 0u) << "the later meeting's parents hear nothing today";
    }
  }
  ASSERT_EQ(to_parent.size(), 1u) << "the siblings' parent gets ONE message";
  const auto text = text_of(to_parent[0]);
  const auto html = to_parent[0]["html"].get<std::string>();
  EXPECT_EQ(to_parent[0]["tree"]["type"], "multipart/alternative");
  EXPECT_NE(text.find("Beste "), std::string::npos) << text;
  // Per child a meeting reminder with the parent's booking link (/p/) and a home assignment with
  // its /a/ link, each its own section under a heading naming the child.
  std::string assignment_link;
  for (const auto& m : siblings) {
    const auto& child = school.students.at(m.student).given_name;
    const auto subject = links::booking_subject(m.id, parent->key);
    for (const std::string kind : {"p", "a"}) {
      int sections = 0;
      for (const auto& block : blocks(text)) {
        for (const auto& link : links_in(block, base_, kind)) {
          if (subject_of(link) != subject) continue;
          ++sections;
          EXPECT_EQ(links_in(block, base_, "p").size() + links_in(block, base_, "a").size(), 1u) << "one link per section";
          EXPECT_NE(block.substr(0, block.find('\n')).find(child), std::string::npos) << block;
          EXPECT_NE(html.find(link), std::string::npos) << "the HTML part has the same link";
          if (kind == "a" && m.id == meeting.id) assignment_link = link;
        }
      }
      EXPECT_EQ(sections, 1) << "/" << kind << "/ link for " << child << "'s meeting:\n" << text;
    }
  }
  ASSERT_FALSE(assignment_link.empty()) << text;

  // 3. The parent opens the assignment from the mail: GET shows and changes nothing, POST marks it done.
  const auto mentor = token_for(meeting.mentor);
  const auto meeting_api = [&] {
    const auto r = request(base_ + "/api/v1/meetings/" + meeting.id, "GET", "", std::nullopt, mentor);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  };
  const auto page = request(assignment_link);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("name=\"answer\""), std::string::npos);
  EXPECT_EQ(meeting_api()["assignment"]["status"], "open");
  const auto done = request(assignment_link, "POST", "application/x-www-form-urlencoded", "answer=Samen+gedaan%21");
  ASSERT_EQ(done.status, 200) << done.body;
  const auto seen = meeting_api()["assignment"];
  EXPECT_EQ(seen["status"], "done") << seen.dump();
  EXPECT_EQ(seen["done_by"], "parent");
  EXPECT_EQ(seen["answer"], "Samen gedaan!");

  // 4. The mentor submits the record of that meeting; its notice waits: the parents had today's digest.
  // Each record after its conversation began.
  const auto record_url = [&](const domain::Meeting& m) {
    let_meeting_start(dir_ / "state/lobsync.db", m.id);
    return base_ + "/api/v1/meetings/" + m.id + "/record";
  };
  const auto submitted =
      request(record_url(meeting), "POST", "application/json", record_body("Huisopdracht besproken").dump(), mentor);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  // And the record of the later meeting, by its own mentor.
  const auto quiet_submitted = request(record_url(*quiet), "POST", "application/json",
                                       record_body("Stage bij de bakker ging goed").dump(), token_for(quiet->mentor));
  ASSERT_EQ(quiet_submitted.status, 201) << quiet_submitted.body;
  const auto record = json::parse(quiet_submitted.body)["id"].get<std::string>();

  const auto before_records = smtp_.messages().size();
  const auto second = cli({"remind"});
  ASSERT_GT(mailed_parents(meeting), 0u);
  EXPECT_GT(second["waiting_for_tomorrow"].get<std::size_t>(), 0u) << second.dump();
  EXPECT_GE(second["waiting_for_tomorrow"].get<std::size_t>(), mailed_parents(meeting))
      << "the siblings' parents hear of the record tomorrow";
  EXPECT_GE(second["digests"].get<std::size_t>(), mailed_parents(*quiet)) << second.dump();
  EXPECT_EQ(cli({"dispatch"})["failed"], 0);
  std::string sign_link;
  for (const auto& [rcpt, mail] : parsed_since(before_records)) {
    EXPECT_NE(rcpt, parent->email) << "a second digest the same day";
    for (const auto& p : quiet->participants) {
      if (p.role != "parent" || p.email != rcpt) continue;
      const auto notice = text_of(mail);
      const auto links = links_in(notice, base_, "r");
      ASSERT_EQ(links.size(), 1u) << notice;
      EXPECT_EQ(subject_of(links[0]), links::booking_subject(record, p.key)) << "the link is this parent's";
      const auto& child = school.students.at(quiet->student).given_name;
      for (const auto& block : blocks(notice)) {
        if (block.find(links[0]) != std::string::npos) {
          EXPECT_NE(block.find(child), std::string::npos) << block;
        }
      }
      sign_link = links[0];
    }
  }
  ASSERT_FALSE(sign_link.empty()) << "no record notice reached the parents of the later meeting";

  // 5. The parent reads and signs through the link; the record lands once in each sink.
  const auto shown = request(sign_link);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find("Stage bij de bakker ging goed"), std::string::npos);
  EXPECT_NE(shown.body.find("name=\"version\" value=\"1\""), std::string::npos);
  const auto signed_page = request(sign_link, "POST", "application/x-www-form-urlencoded", "action=sign&version=1");
  ASSERT_EQ(signed_page.status, 200) << signed_page.body;
  EXPECT_NE(signed_page.body.find("Het verslag is ondertekend"), std::string::npos);

  const auto dossier = cli({"dossier"});
  EXPECT_EQ(dossier["versions"], json::array({{{"record", record}, {"version", 1}, {"reason", "signed"}}}))
      << dossier.dump();
  EXPECT_EQ(cli({"dispatch"})["failed"], 0);
  const std::multiset<std::string> files{record + "-v1.html", record + "-v1.json"};
  EXPECT_EQ(dossier_files(), files);
  ASSERT_EQ(webhook_.deliveries().size(), 1u) << webhook_.describe();
  EXPECT_EQ(webhook_.requests(), 1) << webhook_.describe();
  // The receiver accepts only requests with a valid X-Lobsync-Signature and an Idempotency-Key.
  EXPECT_EQ(webhook_.deliveries()[0].idempotency_key, "dossier:" + record + ":v1");
  EXPECT_GT(webhook_.deliveries()[0].timestamp, 0);
  EXPECT_TRUE(webhook_.rejections().empty()) << webhook_.describe();

  // Everything again: nothing new anywhere.
  const auto mailed = smtp_.messages().size();
  EXPECT_EQ(cli({"dossier"})["queued"], 0);
  EXPECT_EQ(cli({"dispatch"})["sent"], 0);
  EXPECT_EQ(cli({"remind"})["digests"], 0);
  EXPECT_EQ(cli({"dispatch"})["sent"], 0);
  EXPECT_EQ(smtp_.messages().size(), mailed);
  EXPECT_EQ(dossier_files(), files);
  EXPECT_EQ(webhook_.requests(), 1);
}

}  // namespace
}  // namespace lobsync::test::full_cycle_test
