// `lobsync serve` pages for parents, the mentor's feed and the coverage API, on a synced and
// planned roster: GET changes nothing, POST confirms or moves (exactly one of two parents gets a
// contested time), the feed parses with python3-icalendar, the API wants the admin token.
#include "daemon_fixture.h"

#include "core/iso_time.h"
#include "links/token.h"
#include "messaging/translations.h"
#include "outbox/deliverable_request.h"
#include "planning/invitations.h"
#include "store/store.h"

#include <gtest/gtest.h>

#include <latch>
#include <regex>
#include <set>
#include <thread>

namespace lobsync::test::selfservice_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Two classes, two mentors. Bram de Vries (t2) mentors Emre and Yonas, whose parents (p1, and
// the guardian organisation p4) each have a meeting with him: the two parents of the race.
const char* kRoster = R"({"kind":"location","source_id":"loc","name":"Stedelijk College"}
{"kind":"group","source_id":"1a","name":"1A","year":1,"level":"havo"}
{"kind":"group","source_id":"3h","name":"3H","year":3,"level":"havo"}
{"kind":"staff","source_id":"t1","given_name":"Anna","family_name":"Jansen","email":"a.jansen@school.example"}
{"kind":"staff","source_id":"t2","given_name":"Bram","family_name_prefix":"de","family_name":"Vries","email":"b.devries@school.example"}
{"kind":"mentor","staff":"t1","group":"1a"}
{"kind":"mentor","staff":"t2","group":"3h"}
{"kind":"student","source_id":"s1","given_name":"Zoë","family_name":"Özdemir","group":"1a","email":"zoe@students.example"}
{"kind":"student","source_id":"s2","given_name":"Emre","family_name":"Özdemir","group":"3h"}
{"kind":"student","source_id":"s4","given_name":"Yonas","family_name":"Tesfay","group":"3h","language":"en"}
{"kind":"guardian","source_id":"p1","family_name":"Özdemir","email":"ozdemir@home.example","language":"so","household":"h1","students":[{"student":"s1"},{"student":"s2"}]}
{"kind":"guardian","source_id":"p4","family_name":"Stichting Nidos","is_organisation":true,"email":"voogd@nidos.example","language":"en","students":[{"student":"s4"}]}
)";

constexpr const char* kPublicUrl = "http://127.0.0.1:1";
constexpr const char* kAdminToken = "test-admin-token-0123456789";

struct Reply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

Reply request(int port, const std::string& path, const std::string& method = "GET",
              const std::optional<std::string>& form = std::nullopt, const std::vector<std::string>& extra = {}) {
  const auto r = http::test::curl_request(http::test::loopback_url(port, path), method, form, extra);
  EXPECT_EQ(r.code, CURLE_OK) << path;
  Reply reply;
  reply.status = r.status;
  reply.body = r.body;
  std::istringstream lines(r.headers);
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    reply.headers[http::test::lower(line.substr(0, colon))] = value;  // the last response's wins
  }
  return reply;
}

std::string header(const Reply& reply, const std::string& name) {
  const auto it = reply.headers.find(name);
  return it == reply.headers.end() ? "" : it->second;
}

// The slot values the booking page offers.
std::vector<std::string> offered_slots(const std::string& html) {
  std::vector<std::string> out;
  static const std::regex slot(R"re(name="slot" value="(\d+)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), slot); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

class SelfService : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "roster.jsonl", kRoster);
    write_secret_file(dir_ / "admin_token", std::string(kAdminToken) + "\n");
    auto config = base_config(dir_);
    config["school"] = {{"name", "Stedelijk College"}};
    config["http"]["public_url"] = kPublicUrl;
    config["http"]["admin_token"] = {{"file", (dir_ / "admin_token").string()}};
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["calendar"] = {{"plugin", "calendar-folder"}, {"folder", (dir_ / "calendar").string()}};
    // Whole-year windows keep the test independent of the day it runs.
    config["planning"] = {{"organizer", {{"email", "lob@school.example"}, {"name", "LOB"}}},
                          {"mailer", "mail"},
                          {"calendars", {"calendar"}},
                          {"notice_days", 1},
                          {"types",
                           {{"introduction", {{"enabled", false}}},
                            {"profile_choice", {{"enabled", false}}},
                            {"internship", {{"enabled", false}}},
                            {"follow_up_education", {{"enabled", false}}},
                            {"closing", {{"enabled", false}}},
                            {"individual", {{"weeks", "31-30"}}},
                            {"parents", {{"weeks", "31-30"}, {"years", {1, 2, 3, 4, 5, 6}}}}}}};
    config_ = config;
    file_ = write_config(dir_, config);
    const auto sync = lobsync({"sync", "--config", file_, "--json"});
    ASSERT_EQ(sync.exit_code, 0) << sync.out << sync.err;
    const auto plan = lobsync({"plan", "--config", file_, "--json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    daemon_ = std::make_unique<Daemon>(file_);
  }

  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock_); }

  domain::Meeting parents_meeting(const std::string& student) {
    auto store = open();
    for (const auto& m : store->meetings().mentor_meetings("school:t2"))
      if (m.type == "parents" && m.student == student) return m;
    ADD_FAILURE() << "no parents' meeting for " << student;
    return {};
  }

  std::string sign(const std::string& meeting_id, const std::string& participant, std::string_view purpose,
                   std::optional<Instant> expires) {
    auto store = open();
    const auto key = store->link_keys().newest_link_key();
    EXPECT_TRUE(key.has_value());
    return links::sign(*key, purpose, links::booking_subject(meeting_id, participant), expires);
  }
  std::string booking_path(const domain::Meeting& m, const std::string& parent) {
    return "/p/" + sign(m.id, parent, links::kBooking, m.end + planning::kBookingLinkGrace);
  }

  std::vector<store::OutboxItem> outbox() {
    // One query over every state: the daemon delivers meanwhile, and an item read state by
    // state could move from one to another between two queries and be missed.
    auto store = open();
    return store->outbox().outbox_items(store::OutboxFilter{"", "", 100000});
  }

  // What python3-email + python3-icalendar read in a queued invitation.
  json parse_mail(const store::OutboxItem& item) {
    const auto file = dir_ / ("mail-" + std::to_string(item.id) + ".eml");
    write_file(file, outbox::deliverable_request(item.request)["message"].get<std::string>());
    const auto r = run({python(), (source_dir() / "tests/fakes/ical/parse_mime.py").string(), file.string()});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out).at(0);
  }

  int port() const { return daemon_->port(); }

  ManualClock clock_{instant_from_unix_ms(0)};
  ScratchDir dir_;
  json config_;
  std::string file_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(SelfService, TheLinkInTheMailShowsTheMeetingAndChangesNothing) {
  const auto meeting = parents_meeting("school:s2");
  // The parent's invitation carries the link, in the text and as the event's URL.
  std::string link;
  for (const auto& item : outbox()) {
    if (item.key.rfind("invite:" + meeting.id + ":", 0) != 0 || item.request["recipients"][0] != "ozdemir@home.example")
      continue;
    const auto mail = parse_mail(item);
    link = mail["calendars"][0]["events"][0]["url"].get<std::string>();
    EXPECT_NE(mail["text"].get<std::string>().find(link), std::string::npos);
    EXPECT_NE(mail["text"].get<std::string>().find("Loopbaanfase: "), std::string::npos) << mail["text"];
  }
  ASSERT_EQ(link.rfind(std::string(kPublicUrl) + "/p/", 0), 0u) << link;

  const auto items_before = outbox().size();
  const auto page = request(port(), link.substr(std::string(kPublicUrl).size()));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Emre"), std::string::npos);
  EXPECT_EQ(page.body.find("Özdemir"), std::string::npos) << "only the first name";
  EXPECT_NE(page.body.find("Bevestigen"), std::string::npos);
  EXPECT_NE(page.body.find("Ander moment kiezen"), std::string::npos);
  EXPECT_NE(page.body.find("<dt>Loopbaanfase</dt>"), std::string::npos) << page.body;
  EXPECT_EQ(offered_slots(page.body).size(), 6u);
  EXPECT_EQ(header(page, "cache-control"), "no-store");
  EXPECT_EQ(header(page, "referrer-policy"), "no-referrer");
  EXPECT_EQ(header(page, "x-frame-options"), "DENY");
  EXPECT_NE(header(page, "content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(header(page, "content-security-policy").find("script"), std::string::npos);
  EXPECT_EQ(request(port(), link.substr(std::string(kPublicUrl).size()), "HEAD").status, 200);

  const auto after = parents_meeting("school:s2");
  EXPECT_EQ(after.sequence, meeting.sequence);
  EXPECT_EQ(after.status, meeting.status);
  EXPECT_EQ(after.start, meeting.start);
  EXPECT_EQ(outbox().size(), items_before);

  // The log names the route, never the token.
  daemon_->process().wait_for_stderr_line([](const std::string& l) { return l.find("GET /p/{token} 200") != std::string::npos; },
                                          10s);
  EXPECT_EQ(daemon_->process().drained_stderr().find(link.substr(link.rfind('/') + 1)), std::string::npos);

  // The English-speaking guardian gets the page in English.
  const auto yonas = parents_meeting("school:s4");
  const auto english = request(port(), booking_path(yonas, "school:p4"));
  EXPECT_EQ(english.status, 200);
  EXPECT_NE(english.body.find("Choose another time"), std::string::npos) << english.body;
}

TEST_F(SelfService, PagesUseOnlyTheDaemonsOwnCacheableStylesheet) {
  const auto page = request(port(), booking_path(parents_meeting("school:s2"), "school:p1"));
  const auto csp = header(page, "content-security-policy");
  EXPECT_NE(csp.find("style-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(page.body.find("<style"), std::string::npos);
  EXPECT_EQ(page.body.find(" style="), std::string::npos);
  EXPECT_NE(page.body.find("<header class=\"site\"><p class=\"school\"><bdi>Stedelijk College</bdi></p></header>"), std::string::npos);
  EXPECT_NE(page.body.find("<title>Uw afspraak op school – Stedelijk College</title>"), std::string::npos);

  // Relative, so it also works behind a proxy that serves lobsync under a path; versioned by content.
  static const std::regex link(R"re(<link rel="stylesheet" href="\.\./static/lobsync\.css\?v=([0-9a-f]{16})">)re");
  std::smatch version;
  ASSERT_TRUE(std::regex_search(page.body, version, link)) << page.body.substr(0, 600);
  const auto css = request(port(), "/static/lobsync.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(header(css, "content-type"), "text/css; charset=utf-8");
  EXPECT_EQ(header(css, "cache-control"), "public, max-age=604800");
  const auto etag = header(css, "etag");
  EXPECT_EQ(etag, "\"" + version[1].str() + "\"");
  EXPECT_NE(css.body.find(":focus-visible"), std::string::npos);
  EXPECT_NE(css.body.find("@media print"), std::string::npos);
  const auto unchanged = request(port(), "/static/lobsync.css", "GET", std::nullopt, {"If-None-Match: " + etag});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  EXPECT_EQ(request(port(), "/static/lobsync.css", "GET", std::nullopt, {"If-None-Match: \"older\""}).status, 200);

  const auto invalid = request(port(), "/p/not-a-token");
  EXPECT_NE(invalid.body.find("Stedelijk College"), std::string::npos);
  EXPECT_EQ(header(invalid, "cache-control"), "no-store");
}

TEST_F(SelfService, ForgedExpiredAndMisusedLinksAreNotFound) {
  const auto meeting = parents_meeting("school:s2");
  auto path = booking_path(meeting, "school:p1");
  ASSERT_EQ(request(port(), path).status, 200);

  auto forged = path;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  const auto expired = "/p/" + sign(meeting.id, "school:p1", links::kBooking, instant_from_unix_ms(1000));
  const auto feed_token = "/p/" + sign(meeting.id, "school:p1", links::kFeed, std::nullopt);
  const auto stranger = "/p/" + sign(meeting.id, "school:p4", links::kBooking, meeting.end + 24h);
  for (const auto& bad : {forged, expired, feed_token, stranger, std::string("/p/not-a-token")}) {
    const auto page = request(port(), bad);
    EXPECT_EQ(page.status, 404) << bad;
    EXPECT_NE(page.body.find("ongeldig of verlopen"), std::string::npos);
    EXPECT_NE(page.body.find("invalid or has expired"), std::string::npos);
    EXPECT_EQ(request(port(), bad, "POST", "action=confirm&seq=0").status, 404);
  }

  // Whatever the answer, the daemon's log holds none of the tokens, nor a query string.
  EXPECT_EQ(request(port(), path + "?lang=en&t=Qsecret4711").status, 200);
  EXPECT_EQ(request(port(), path + "/extra").status, 404);
  EXPECT_EQ(request(port(), path, "DELETE").status, 405);
  daemon_->process().wait_for_stderr_line(
      [](const std::string& l) { return l.find("DELETE /p/{token} 405") != std::string::npos; }, 10s);
  const auto log = daemon_->process().drained_stderr();
  for (const auto& link : {path, forged, expired, feed_token, stranger}) {
    const auto token = link.substr(3);
    EXPECT_EQ(log.find(token), std::string::npos) << token;
    EXPECT_EQ(log.find(token.substr(token.rfind('.') + 1)), std::string::npos) << "the signature of " << token;
  }
  EXPECT_EQ(log.find("Qsecret4711"), std::string::npos);
  EXPECT_NE(log.find("GET /p/{?}/{?} 404"), std::string::npos) << log;
}

TEST_F(SelfService, BrokenFormsAreBadRequests) {
  const auto meeting = parents_meeting("school:s2");
  const auto path = booking_path(meeting, "school:p1");
  const auto seq = std::to_string(meeting.sequence);
  for (const auto& form : std::vector<std::string>{"action=dance&seq=" + seq, "seq=" + seq, "action=confirm", "action=confirm&seq=x1",
                                 "action=confirm&seq=%zz", "action=move&seq=" + seq + "&slot=", "action=move&seq=" + seq + "&slot=12",
                                 "action=move&seq=" + seq + "&slot=99999999999999999999",
                                 "action=confirm&seq=" + seq + "&pad=" + std::string(5000, 'x')}) {
    EXPECT_EQ(request(port(), path, "POST", form).status, 400) << form.substr(0, 60);
  }
  EXPECT_EQ(request(port(), path, "POST", "action=confirm&seq=" + seq, {"Content-Type: text/plain"}).status, 400);
  // "Choose another time" pressed without choosing one: the page asks for a time, at the choices.
  const auto no_time = request(port(), path, "POST", "action=move&seq=" + seq);
  EXPECT_EQ(no_time.status, 422);
  EXPECT_NE(no_time.body.find("<a href=\"#slot-0\">Kies eerst een van de momenten.</a>"), std::string::npos) << no_time.body;
  EXPECT_NE(no_time.body.find("id=\"slot-0\""), std::string::npos);
  EXPECT_EQ(offered_slots(no_time.body).size(), 6u);
  EXPECT_EQ(parents_meeting("school:s2").status, domain::kPlanned);
}

// The participant of `m` with this key, as stored.
domain::Participant participant(const domain::Meeting& m, const std::string& key) {
  for (const auto& p : m.participants)
    if (p.key == key) return p;
  ADD_FAILURE() << "no participant " << key << " in " << m.id;
  return {};
}

TEST_F(SelfService, ALanguageChosenOnAPageHoldsForTheFamilysNextPagesAndMails) {
  const auto meeting = parents_meeting("school:s2");
  const auto path = booking_path(meeting, "school:p1");
  // The roster says Somali, which lobsync does not ship: the page is Dutch and offers the shipped
  // languages, each named in its own language and direction.
  const auto dutch = request(port(), path);
  EXPECT_NE(dutch.body.find("<html lang=\"nl\" dir=\"ltr\""), std::string::npos);
  EXPECT_NE(dutch.body.find("<form method=\"post\" class=\"languages\" aria-label=\"Taal\">"), std::string::npos) << dutch.body;
  EXPECT_NE(dutch.body.find("<span lang=\"nl\" dir=\"ltr\" aria-current=\"true\">Nederlands</span>"), std::string::npos);
  EXPECT_NE(dutch.body.find("<button type=\"submit\" name=\"language\" value=\"en\" lang=\"en\" dir=\"ltr\">English</button>"),
            std::string::npos);
  EXPECT_NE(dutch.body.find("<button type=\"submit\" name=\"language\" value=\"ar\" lang=\"ar\" dir=\"rtl\">العربية</button>"),
            std::string::npos);
  for (const char* name : {">Polski</button>", ">Türkçe</button>", ">Українська</button>"}) {
    EXPECT_NE(dutch.body.find(name), std::string::npos) << name;
  }

  // A language lobsync does not ship changes nothing.
  EXPECT_EQ(request(port(), path, "POST", "action=language&language=xx").status, 400);
  EXPECT_EQ(request(port(), path, "POST", "action=language").status, 400);
  EXPECT_EQ(participant(parents_meeting("school:s2"), "school:p1").language, "so");

  // The daemon delivers meanwhile: compare what was ever queued, not where it is now.
  auto queued = [this] {
    std::set<std::string> keys;
    for (const auto& item : outbox()) keys.insert(item.key);
    return keys;
  };
  const auto queued_before = queued();
  const auto chosen = request(port(), path, "POST", "action=language&language=en");
  ASSERT_EQ(chosen.status, 303) << chosen.body;
  EXPECT_EQ(header(chosen, "location"), kPublicUrl + path);
  const auto english = request(port(), path);
  EXPECT_NE(english.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_NE(english.body.find("Choose another time"), std::string::npos);
  EXPECT_NE(english.body.find("aria-label=\"Language\""), std::string::npos);
  EXPECT_NE(english.body.find("<button type=\"submit\" name=\"language\" value=\"nl\" lang=\"nl\" dir=\"ltr\">Nederlands</button>"),
            std::string::npos);

  // Kept for the parent in every meeting they are invited to (also Zoë's, with another mentor),
  // without a new version and without mail; the students keep their own language.
  const auto after = parents_meeting("school:s2");
  EXPECT_EQ(after.sequence, meeting.sequence);
  EXPECT_EQ(participant(after, "school:p1").language, "en");
  EXPECT_EQ(participant(after, "school:s2").language, "");
  {
    auto store = open();
    int zoes = 0;
    for (const auto& m : store->meetings().mentor_meetings("school:t1")) {
      if (m.student != "school:s1" || m.type != "parents") continue;
      ++zoes;
      EXPECT_EQ(participant(m, "school:p1").language, "en");
    }
    EXPECT_EQ(zoes, 1);
    EXPECT_EQ(store->roster().language_choices(), (std::map<std::string, std::string>{{"school:p1", "en"}}));
  }
  EXPECT_EQ(queued(), queued_before);

  // The nightly sync (whose roster still says Somali) and plan keep the choice and send nothing.
  ASSERT_EQ(lobsync({"sync", "--config", file_, "--json"}).exit_code, 0);
  const auto replan = lobsync({"plan", "--config", file_, "--json"});
  ASSERT_EQ(replan.exit_code, 0) << replan.out << replan.err;
  EXPECT_EQ(parents_meeting("school:s2").sequence, meeting.sequence);
  EXPECT_EQ(participant(parents_meeting("school:s2"), "school:p1").language, "en");
  EXPECT_EQ(queued(), queued_before);

  // The next mail, the invitation after a move, is English.
  const auto slots = offered_slots(english.body);
  ASSERT_FALSE(slots.empty());
  ASSERT_EQ(request(port(), path, "POST", "action=move&slot=" + slots.front() + "&seq=" + std::to_string(meeting.sequence)).status,
            303);
  const auto version = meeting.id + ":" + std::to_string(meeting.sequence + 1);
  int mails = 0;
  for (const auto& item : outbox()) {
    if (item.key.rfind("invite:" + version + ":", 0) != 0) continue;
    ++mails;
    EXPECT_EQ(item.request["recipients"][0], "ozdemir@home.example");
    EXPECT_EQ(parse_mail(item)["subject"].get<std::string>().rfind("Changed: ", 0), 0u) << parse_mail(item)["subject"];
  }
  EXPECT_EQ(mails, 1);
}

// Every shipped language renders the booking page in that language; Arabic reads right to left
// with the Latin names isolated, and the invitation after a move reaches the guardian in Arabic:
// the HTML part right to left, the text part and the calendar event in Arabic.
TEST_F(SelfService, TheBookingPageSpeaksEveryShippedLanguageAndArabicReadsRightToLeft) {
  const auto tr = messaging::Translations::load(source_dir() / "daemon/messaging/translations");
  const auto meeting = parents_meeting("school:s4");
  const auto path = booking_path(meeting, "school:p4");
  for (const std::string language : {"uk", "pl", "tr", "ar", "en", "nl"}) {
    SCOPED_TRACE(language);
    ASSERT_EQ(request(port(), path, "POST", "action=language&language=" + language).status, 303);
    const auto page = request(port(), path);
    ASSERT_EQ(page.status, 200);
    const auto dir = tr.text(language, "meta.direction");
    EXPECT_NE(page.body.find("<html lang=\"" + language + "\" dir=\"" + dir + "\">"), std::string::npos) << page.body;
    for (const char* key : {"booking.page_title", "booking.confirm", "booking.move", "booking.when", "page.language_switch"}) {
      EXPECT_NE(page.body.find(messaging::html_escape(tr.text(language, key))), std::string::npos) << key << "\n" << page.body;
    }
    EXPECT_NE(page.body.find("<span lang=\"" + language + "\" dir=\"" + dir + "\" aria-current=\"true\">"), std::string::npos);
    if (language != "nl") {
      EXPECT_EQ(page.body.find("Ander moment kiezen"), std::string::npos) << "no Dutch left";
    }
  }
  ASSERT_EQ(request(port(), path, "POST", "action=language&language=ar").status, 303);
  const auto arabic = request(port(), path);
  EXPECT_NE(arabic.body.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(arabic.body.find("هذا موعد المحادثة بخصوص <bdi>Yonas</bdi>."), std::string::npos) << arabic.body;
  EXPECT_NE(arabic.body.find("<dd><bdi>Bram de Vries</bdi></dd>"), std::string::npos) << arabic.body;
  const auto arabic_body = arabic.body.substr(arabic.body.find("<body>"));
  EXPECT_EQ(arabic_body.find("\u2068"), std::string::npos) << "isolates become <bdi> in pages";
  EXPECT_NE(arabic_body.find("<p class=\"school\"><bdi>Stedelijk College</bdi></p>"), std::string::npos);

  // Moving in Arabic: the error summary without a time, then the new invitation in Arabic.
  const auto no_time = request(port(), path, "POST", "action=move&seq=" + std::to_string(meeting.sequence));
  EXPECT_EQ(no_time.status, 422);
  EXPECT_NE(no_time.body.find("<h2 id=\"error-summary\">يرجى التحقق من هذا أولًا</h2>"), std::string::npos) << no_time.body;
  const auto slots = offered_slots(arabic.body);
  ASSERT_FALSE(slots.empty());
  ASSERT_EQ(request(port(), path, "POST", "action=move&slot=" + slots.front() + "&seq=" + std::to_string(meeting.sequence)).status,
            303);
  const std::string fsi = "\u2068", pdi = "\u2069";
  const auto version = meeting.id + ":" + std::to_string(meeting.sequence + 1);
  int mails = 0;
  for (const auto& item : outbox()) {
    if (item.key.rfind("invite:" + version + ":", 0) != 0 || item.request["recipients"][0] != "voogd@nidos.example") continue;
    ++mails;
    const auto mail = parse_mail(item);
    const auto subject = mail["subject"].get<std::string>();
    EXPECT_EQ(subject.rfind("تغيير: ", 0), 0u) << subject;
    const auto html = mail["html"].get<std::string>();
    EXPECT_NE(html.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos) << html;
    EXPECT_NE(html.find("حضرة الوصيّ على <bdi>Yonas Tesfay</bdi> المحترم،"), std::string::npos) << html;
    const auto text = mail["text"].get<std::string>();
    EXPECT_NE(text.find("حضرة الوصيّ على " + fsi + "Yonas Tesfay" + pdi + " المحترم،"), std::string::npos) << text;
    const auto& event = mail["calendars"][0]["events"][0];
    EXPECT_NE(event["summary"].get<std::string>().find("محادثة"), std::string::npos) << event["summary"];
    EXPECT_NE(event["description"].get<std::string>().find("حضرة الوصيّ على " + fsi + "Yonas Tesfay" + pdi), std::string::npos)
        << event["description"];
  }
  EXPECT_EQ(mails, 1);
}

TEST_F(SelfService, AMentorChoosesTheLanguageOfTheirRecordForm) {
  const auto meeting = parents_meeting("school:s2");
  auto store = open();
  const auto key = store->link_keys().newest_link_key();
  ASSERT_TRUE(key.has_value());
  const auto path = "/m/" + links::sign(*key, links::kRecordForm, meeting.id, meeting.end + std::chrono::hours(24 * 60));
  const auto dutch = request(port(), path);
  ASSERT_EQ(dutch.status, 200) << dutch.body;
  EXPECT_NE(dutch.body.find("<html lang=\"nl\""), std::string::npos);

  const auto chosen = request(port(), path, "POST", "action=language&language=en");
  ASSERT_EQ(chosen.status, 303) << chosen.body;
  const auto english = request(port(), path);
  EXPECT_NE(english.body.find("<html lang=\"en\""), std::string::npos);
  EXPECT_EQ(participant(parents_meeting("school:s2"), "school:t2").language, "en");
  // No record was written by switching.
  EXPECT_TRUE(open()->records().student_records("school:s2").empty());
  // The mentor's other meetings speak it too; the parents keep theirs.
  for (const auto& m : open()->meetings().mentor_meetings("school:t2")) {
    EXPECT_EQ(participant(m, "school:t2").language, "en") << m.id;
    if (m.student == "school:s2" && m.type == "parents") {
      EXPECT_EQ(participant(m, "school:p1").language, "so");
    }
  }
}

TEST_F(SelfService, ConfirmingSticksThroughReplanning) {
  const auto meeting = parents_meeting("school:s2");
  const auto path = booking_path(meeting, "school:p1");
  const auto confirmed = request(port(), path, "POST", "action=confirm&seq=" + std::to_string(meeting.sequence));
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_EQ(header(confirmed, "location"), kPublicUrl + path + "?done=confirmed");
  EXPECT_EQ(parents_meeting("school:s2").status, domain::kConfirmed);
  // The page the browser is sent to says so; the link from the mail alone does not.
  const auto shown = request(port(), path + "?done=confirmed");
  EXPECT_NE(shown.body.find("De afspraak is bevestigd: "), std::string::npos) << shown.body;
  EXPECT_EQ(shown.body.find("value=\"confirm\""), std::string::npos) << "no second confirm button";
  EXPECT_EQ(request(port(), path).body.find("De afspraak is bevestigd: "), std::string::npos);
  // Confirming twice is harmless.
  EXPECT_EQ(request(port(), path, "POST", "action=confirm&seq=" + std::to_string(meeting.sequence)).status, 303);
  // A stale sequence shows the current booking.
  const auto stale = request(port(), path, "POST", "action=confirm&seq=" + std::to_string(meeting.sequence + 7));
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("intussen gewijzigd"), std::string::npos);

  const auto plan = lobsync({"plan", "--config", file_, "--json"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  const auto after = parents_meeting("school:s2");
  EXPECT_EQ(after.status, domain::kConfirmed);
  EXPECT_EQ(after.start, meeting.start);
  EXPECT_EQ(after.sequence, meeting.sequence);

  auto store = open();
  bool audited = false;
  for (const auto& entry : store->recent_audit(20))
    if (entry.actor == "parent" && entry.action == "booking.confirm" && entry.subject == "meeting:" + meeting.id) audited = true;
  EXPECT_TRUE(audited);
}

TEST_F(SelfService, MovingQueuesTheNewVersionForEveryoneAndFreesTheOldTime) {
  const auto meeting = parents_meeting("school:s2");
  const auto path = booking_path(meeting, "school:p1");
  const auto slots = offered_slots(request(port(), path).body);
  ASSERT_FALSE(slots.empty());
  const auto old_start = std::to_string(unix_ms(meeting.start) / 1000);
  ASSERT_EQ(std::count(slots.begin(), slots.end(), old_start), 0) << "its own time is not an alternative";

  const auto moved_reply =
      request(port(), path, "POST", "action=move&slot=" + slots.back() + "&seq=" + std::to_string(meeting.sequence));
  ASSERT_EQ(moved_reply.status, 303) << moved_reply.body;
  EXPECT_EQ(header(moved_reply, "location"), kPublicUrl + path + "?done=moved");
  const auto moved = parents_meeting("school:s2");
  EXPECT_EQ(unix_ms(moved.start) / 1000, std::stoll(slots.back()));
  EXPECT_EQ(moved.end - moved.start, meeting.end - meeting.start);
  EXPECT_EQ(moved.sequence, meeting.sequence + 1);
  EXPECT_EQ(moved.status, domain::kConfirmed);

  // A new invitation for every participant with an address (student has none; the mentor gets
  // the calendar copy), with the same UID and the higher SEQUENCE.
  const auto version = meeting.id + ":" + std::to_string(moved.sequence);
  std::set<std::string> recipients;
  bool calendar_copy = false;
  for (const auto& item : outbox()) {
    if (item.key == "calendar:calendar:" + version) {
      calendar_copy = true;
      // The same meeting as fields, for writers that take no iCalendar (Graph, Google).
      EXPECT_EQ(item.request["event"]["uid"], meeting.id + "@school.example");
      EXPECT_EQ(item.request["event"]["sequence"], moved.sequence);
      EXPECT_EQ(item.request["event"]["start"], iso_utc(moved.start));
      EXPECT_EQ(item.request["event"]["end"], iso_utc(moved.end));
    }
    if (item.key.rfind("invite:" + version + ":", 0) != 0) continue;
    recipients.insert(item.request["recipients"][0].get<std::string>());
    const auto event = parse_mail(item)["calendars"][0]["events"][0];
    EXPECT_EQ(event["uid"], meeting.id + "@school.example");
    EXPECT_EQ(event["sequence"], moved.sequence);
    EXPECT_EQ(event["dtstart"]["utc"].get<std::string>().substr(0, 10), iso_utc(moved.start).substr(0, 10));
  }
  EXPECT_EQ(recipients, (std::set<std::string>{"ozdemir@home.example"}));
  EXPECT_TRUE(calendar_copy);

  // The old link still works and shows the new time.
  const auto again = request(port(), path);
  EXPECT_EQ(again.status, 200);
  const auto now_offered = offered_slots(again.body);
  EXPECT_EQ(std::count(now_offered.begin(), now_offered.end(), slots.back()), 0)
      << "the new time is not offered as an alternative to itself";
  // The old sequence is stale now.
  const auto stale =
      request(port(), path, "POST", "action=move&slot=" + old_start + "&seq=" + std::to_string(meeting.sequence));
  EXPECT_EQ(stale.status, 409);
  // The old time is free again: the parent can go back to it (it need not be among the six
  // days the page lists, which start at the earliest days of the window).
  const auto back =
      request(port(), path, "POST", "action=move&slot=" + old_start + "&seq=" + std::to_string(moved.sequence));
  EXPECT_EQ(back.status, 303) << back.body;
  EXPECT_EQ(parents_meeting("school:s2").start, meeting.start);
}

TEST_F(SelfService, TwoParentsTakingTheSameTimeAtOnceOneWins) {
  int contested = 0;
  for (int round = 0; round < 8; ++round) {
    const auto a = parents_meeting("school:s2");
    const auto b = parents_meeting("school:s4");
    const auto path_a = booking_path(a, "school:p1");
    const auto path_b = booking_path(b, "school:p4");
    const auto slots_a = offered_slots(request(port(), path_a).body);
    const auto slots_b = offered_slots(request(port(), path_b).body);
    std::string common;
    for (const auto& s : slots_a)
      if (std::find(slots_b.begin(), slots_b.end(), s) != slots_b.end()) common = s;  // a later one each round
    if (common.empty()) continue;
    ++contested;
    std::latch start(2);
    Reply ra, rb;
    std::thread ta([&] {
      start.arrive_and_wait();
      ra = request(port(), path_a, "POST", "action=move&slot=" + common + "&seq=" + std::to_string(a.sequence));
    });
    std::thread tb([&] {
      start.arrive_and_wait();
      rb = request(port(), path_b, "POST", "action=move&slot=" + common + "&seq=" + std::to_string(b.sequence));
    });
    ta.join();
    tb.join();
    const int wins = (ra.status == 303) + (rb.status == 303);
    ASSERT_EQ(wins, 1) << "round " << round << ": " << ra.status << " " << rb.status;
    const auto& loser = ra.status == 303 ? rb : ra;
    EXPECT_EQ(loser.status, 409);
    EXPECT_TRUE(loser.body.find("is niet meer vrij") != std::string::npos ||
                loser.body.find("is no longer free") != std::string::npos)
        << loser.body;
    EXPECT_FALSE(offered_slots(loser.body).empty()) << "fresh alternatives";
    const auto after_a = parents_meeting("school:s2");
    const auto after_b = parents_meeting("school:s4");
    EXPECT_NE(after_a.start, after_b.start);
  }
  EXPECT_GE(contested, 4);
}

TEST_F(SelfService, TheMentorsFeedHoldsTheirMeetings) {
  const auto feed = lobsync({"links", "feed", "--config", file_, "--mentor", "B.deVries@school.example"});
  ASSERT_EQ(feed.exit_code, 0) << feed.err;
  auto url = feed.out.substr(0, feed.out.find('\n'));
  ASSERT_EQ(url.rfind(std::string(kPublicUrl) + "/calendar/", 0), 0u) << url;
  const auto reply = request(port(), url.substr(std::string(kPublicUrl).size()));
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(header(reply, "content-type"), "text/calendar; charset=utf-8");
  const auto file = dir_ / "feed.ics";
  write_file(file, reply.body);
  const auto parsed = run({python(), (source_dir() / "tests/fakes/ical/parse_ics.py").string(), file.string()});
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  const auto cal = json::parse(parsed.out).at(0);
  EXPECT_EQ(cal["method"], "");
  EXPECT_EQ(cal["calname"], "LOB – Bram de Vries");
  auto store = open();
  const auto meetings = store->meetings().mentor_meetings("school:t2");
  ASSERT_EQ(cal["events"].size(), meetings.size());
  ASSERT_EQ(meetings.size(), 4u);
  for (std::size_t i = 0; i < meetings.size(); ++i) {
    EXPECT_EQ(cal["events"][i]["uid"], meetings[i].id + "@school.example");
    EXPECT_EQ(cal["events"][i]["sequence"], meetings[i].sequence);
    EXPECT_EQ(cal["events"][i]["dtstart"]["utc"], iso_utc(meetings[i].start));
  }
  // A booking link is no feed, and a feed token needs its ".ics".
  const auto m = parents_meeting("school:s2");
  const auto booking_token = booking_path(m, "school:p1").substr(3);
  EXPECT_EQ(request(port(), "/calendar/" + booking_token + ".ics").status, 404);
  const auto token = url.substr(url.rfind('/') + 1);
  EXPECT_EQ(request(port(), "/calendar/" + token.substr(0, token.size() - 4)).status, 404);
  // After a key rotation the feed keeps working.
  ASSERT_EQ(lobsync({"links", "rotate-key", "--config", file_}).exit_code, 0);
  EXPECT_EQ(request(port(), url.substr(std::string(kPublicUrl).size())).status, 200);
  EXPECT_EQ(lobsync({"links", "feed", "--config", file_, "--mentor", "nobody@school.example"}).exit_code, 2);
}

TEST_F(SelfService, TheCoverageApiWantsTheAdminToken) {
  const std::string auth = std::string("Authorization: Bearer ") + kAdminToken;
  EXPECT_EQ(request(port(), "/api/v1/coverage").status, 401);
  const auto wrong = request(port(), "/api/v1/coverage", "GET", std::nullopt, {"Authorization: Bearer wrong"});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(json::parse(wrong.body).contains("error"));
  const auto all = request(port(), "/api/v1/coverage", "GET", std::nullopt, {auth});
  ASSERT_EQ(all.status, 200);
  const auto rows = json::parse(all.body);
  ASSERT_EQ(rows.size(), 3u) << rows.dump();
  const auto by_class = json::parse(request(port(), "/api/v1/coverage?class=3H", "GET", std::nullopt, {auth}).body);
  ASSERT_EQ(by_class.size(), 2u);
  for (const auto& row : by_class) EXPECT_EQ(row["class"], "3H");
  const auto by_mentor = json::parse(request(port(), "/api/v1/coverage?mentor=school:t1", "GET", std::nullopt, {auth}).body);
  ASSERT_EQ(by_mentor.size(), 1u);
  EXPECT_EQ(by_mentor[0]["mentor"], "school:t1");

  // Without a configured token the endpoint does not exist.
  auto config = config_;
  config["http"].erase("admin_token");
  Daemon without(write_config(dir_, config, "no-admin.json"));
  EXPECT_EQ(request(without.port(), "/api/v1/coverage", "GET", std::nullopt, {auth}).status, 404);
}

// Seed 003: parents who read little Dutch. A parent asks for an interpreter on the booking page:
// the same time, longer, confirmed; everyone gets the change and the mentor's copy says what to
// arrange.
TEST_F(SelfService, AParentAsksForAnInterpreterTheConversationGrowsAndTheMentorIsTold) {
  const auto meeting = parents_meeting("school:s2");
  const auto path = booking_path(meeting, "school:p1");
  const auto page = request(port(), path);
  EXPECT_NE(page.body.find("Tolk nodig?"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<option value=\"ar\">العربية (Arabisch)</option>"), std::string::npos);
  EXPECT_NE(page.body.find("20 minuten langer"), std::string::npos);
  const auto seq = "&seq=" + std::to_string(meeting.sequence);
  EXPECT_EQ(request(port(), path, "POST", "action=interpreter&language=xx" + seq).status, 400) << "not offered";
  EXPECT_EQ(request(port(), path, "POST", "action=interpreter" + seq).status, 400) << "no language";

  const auto asked = request(port(), path, "POST", "action=interpreter&language=ar" + seq);
  ASSERT_EQ(asked.status, 303) << asked.body;
  EXPECT_EQ(header(asked, "location"), kPublicUrl + path + "?done=interpreter");
  const auto longer = parents_meeting("school:s2");
  EXPECT_EQ(longer.start, meeting.start);
  EXPECT_EQ(longer.end - longer.start, meeting.end - meeting.start + std::chrono::minutes{20});
  EXPECT_EQ(longer.interpreter, "ar");
  EXPECT_EQ(longer.status, domain::kConfirmed);
  EXPECT_EQ(longer.sequence, meeting.sequence + 1);

  const auto version = meeting.id + ":" + std::to_string(longer.sequence);
  bool mentor_told = false, parent_told = false;
  for (const auto& item : outbox()) {
    if (item.key == "calendar:calendar:" + version) {
      const auto description = item.request["event"]["description"].get<std::string>();
      mentor_told = description.find("De familie vraagt een tolk (Arabisch)") != std::string::npos;
      EXPECT_TRUE(mentor_told) << description;
      EXPECT_EQ(item.request["event"]["end"], iso_utc(longer.end));
    }
    if (item.key.rfind("invite:" + version + ":", 0) == 0) {
      const auto mail = parse_mail(item);
      parent_told = mail["text"].get<std::string>().find("Tolk: Arabisch") != std::string::npos;
      EXPECT_TRUE(parent_told) << mail["text"];
      EXPECT_EQ(mail["text"].get<std::string>().find("De familie vraagt"), std::string::npos) << "the mentor's words only";
    }
  }
  EXPECT_TRUE(mentor_told);
  EXPECT_TRUE(parent_told);

  const auto after = request(port(), path + "?done=interpreter");
  EXPECT_NE(after.body.find("Er is een tolk gevraagd. De afspraak is nu"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("<dt>Tolk</dt><dd><bdi>Arabisch</bdi></dd>"), std::string::npos);
  EXPECT_EQ(after.body.find("Tolk nodig?"), std::string::npos) << "asked once";
  const auto again = request(port(), path, "POST", "action=interpreter&language=tr&seq=" + std::to_string(longer.sequence));
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(parents_meeting("school:s2").interpreter, "ar");
}

// When the longer conversation does not fit at its time (the mentor's next conversation follows
// right after), the page says so and offers times long enough; choosing one takes the
// interpreter along.
TEST_F(SelfService, AnInterpreterThatDoesNotFitAtItsTimeComesWithTheNextTimeChosen) {
  const auto emre = parents_meeting("school:s2");
  const auto emre_path = booking_path(emre, "school:p1");
  // Emre's conversation moves to a day on which Yonas's guardian can take a time soon after it
  // (a student has one conversation a day, so not every day will do); then the 20 minutes more
  // would overlap Yonas's.
  domain::Meeting placed;
  bool yonas_after = false;
  for (const auto& slot : offered_slots(request(port(), emre_path).body)) {
    const auto before = parents_meeting("school:s2");
    ASSERT_EQ(request(port(), emre_path, "POST", "action=move&slot=" + slot + "&seq=" + std::to_string(before.sequence)).status, 303);
    placed = parents_meeting("school:s2");
    const auto yonas = parents_meeting("school:s4");
    const auto soon_after = std::to_string(unix_ms(placed.end + std::chrono::minutes{10}) / 1000);
    yonas_after = request(port(), booking_path(yonas, "school:p4"), "POST",
                          "action=move&slot=" + soon_after + "&seq=" + std::to_string(yonas.sequence)).status == 303;
    if (yonas_after) break;
  }
  ASSERT_TRUE(yonas_after);

  const auto no_fit = request(port(), emre_path, "POST", "action=interpreter&language=ar&seq=" + std::to_string(placed.sequence));
  EXPECT_EQ(no_fit.status, 409);
  EXPECT_NE(no_fit.body.find("Met een tolk duurt het gesprek langer"), std::string::npos) << no_fit.body;
  EXPECT_NE(no_fit.body.find("<input type=\"hidden\" name=\"interpreter\" value=\"ar\">"), std::string::npos);
  EXPECT_EQ(parents_meeting("school:s2").interpreter, "") << "nothing changed yet";
  const auto slots = offered_slots(no_fit.body);
  ASSERT_FALSE(slots.empty());

  const auto moved = request(port(), emre_path, "POST",
                             "action=move&interpreter=ar&slot=" + slots.front() + "&seq=" + std::to_string(placed.sequence));
  ASSERT_EQ(moved.status, 303) << moved.body;
  const auto now = parents_meeting("school:s2");
  EXPECT_EQ(now.interpreter, "ar");
  EXPECT_EQ(unix_ms(now.start) / 1000, std::stoll(slots.front()));
  EXPECT_EQ(now.end - now.start, emre.end - emre.start + std::chrono::minutes{20});
  EXPECT_EQ(request(port(), emre_path, "POST", "action=move&interpreter=xx&slot=" + slots.back() + "&seq=" +
                                                   std::to_string(now.sequence)).status, 400);
}

}  // namespace
}  // namespace lobsync::test::selfservice_test
