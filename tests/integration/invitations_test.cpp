// The whole way of an invitation, against real servers on loopback: `lobsync plan` places the
// conversations, `lobsync dispatch` mails them through the smtp plugin to an aiosmtpd server and
// writes the mentors' copies through the caldav plugin into Radicale. What arrives is read back
// with independent parsers (Python's email package, python3-icalendar). Then a lesson appears
// over one meeting: it moves, and the update arrives under the same UID with a higher SEQUENCE,
// in the mail and in Radicale, while nothing else is sent again.
#include "daemon_fixture.h"
#include "planning_school.h"

#include "support/radicale_server.h"
#include "support/smtp_server.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lobsync::test::invitations_test {
namespace {

using nlohmann::json;

json parse_messages(const SmtpServer& smtp, const std::vector<SmtpMessage>& messages) {
  std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/ical/parse_mime.py").string()};
  for (const auto& m : messages) argv.push_back((smtp.out_dir() / (std::to_string(m.n) + ".eml")).string());
  const auto r = run(argv, std::chrono::seconds(60));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

class Invitations : public ::testing::Test {
 protected:
  void SetUp() override {
    radicale_.make_calendar("jansen", "lob");
    radicale_.make_calendar("devries", "lob");
    write_file(dir_ / "roster.jsonl", kRoster);
    write_file(dir_ / "busy.jsonl", "");
    auto config = base_config(dir_);
    config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
    config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir_ / "roster.jsonl").string()}};
    config["plugins"]["timetable"] = {{"plugin", "test-busy"}, {"file", (dir_ / "busy.jsonl").string()}};
    config["plugins"]["smtp"] = {{"plugin", "smtp"},
                                 {"host", "127.0.0.1"},
                                 {"port", smtp_.port()},
                                 {"security", "none"},
                                 {"allow_plaintext", true}};
    config["plugins"]["caldav"] = {
        {"plugin", "caldav"},
        {"collection_url", radicale_.url("/{calendar}/lob/")},
        {"calendars",
         {{"a.jansen@school.example", radicale_.url("/jansen/lob/")},
          {"b.devries@school.example", radicale_.url("/devries/lob/")}}},
        {"username", "lobsync"},
        {"password", {{"env", "LOBSYNC_TEST_CALDAV_PASSWORD"}}}};
    config["planning"] = whole_year_planning();
    config["planning"]["mailer"] = "smtp";
    config["planning"]["calendars"] = {"caldav"};
    file_ = write_config(dir_, config);
    ASSERT_EQ(cli({"sync", "--config", file_, "--json"}).exit_code, 0);
  }

  RunResult cli(const std::vector<std::string>& args) {
    return lobsync(args, {{"LOBSYNC_TEST_CALDAV_PASSWORD", "dav-secret"}});
  }
  json cli_json(const std::vector<std::string>& args) {
    const auto r = cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    return json::parse(r.out);
  }
  // Student s4 and guardian p4 leave the roster file (the next sync sees it).
  void leave_s4_and_their_guardian() {
    std::string roster = kRoster;
    for (const char* leaving : {R"({"kind":"student","source_id":"s4")", R"({"kind":"guardian","source_id":"p4")"}) {
      const auto line = roster.find(leaving);
      roster.erase(line, roster.find('\n', line) + 1 - line);
    }
    write_file(dir_ / "roster.jsonl", roster);
  }
  // Every mentor's stored objects, by UID.
  std::map<std::string, std::string> stored_events() {
    std::map<std::string, std::string> out;
    for (const char* user : {"jansen", "devries"})
      for (const auto& [file, ics] : radicale_.list_events(user, "lob")) {
        const auto at = ics.find("\nUID:") + 5;
        out[ics.substr(at, ics.find('\r', at) - at)] = ics;
      }
    return out;
  }

  SmtpServer smtp_;
  RadicaleServer radicale_{{{{"lobsync", "dav-secret"}, {"jansen", "j"}, {"devries", "d"}}, {"lobsync"}}};
  ScratchDir dir_;
  std::string file_;
};

TEST_F(Invitations, ArriveOnceInMailAndCalendarAndUpdateInPlaceWhenMoved) {
  const auto plan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  ASSERT_EQ(plan["planned"], 7);
  const auto first = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(first["failed"], 0) << first.dump();
  EXPECT_EQ(first["retry_later"], 0) << first.dump();
  EXPECT_EQ(first["sent"], plan["outbox_items"]);

  // Mail: one message per participant with an address except the mentors (their copy is the
  // calendar), each an iTIP REQUEST that python3-icalendar reads.
  const auto messages = smtp_.messages();
  ASSERT_EQ(messages.size(), 5u);
  const auto parsed = parse_messages(smtp_, messages);
  std::set<std::string> uids;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& m = parsed[i];
    ASSERT_EQ(m["calendars"].size(), 2u) << "the calendar part and the invite.ics attachment";
    for (const auto& cal : m["calendars"]) {
      EXPECT_EQ(cal["method"], "REQUEST");
      EXPECT_EQ(cal["part_method"], cal["part_type"] == "text/calendar" ? "REQUEST" : "");
      ASSERT_EQ(cal["events"].size(), 1u);
      const auto& ev = cal["events"][0];
      EXPECT_EQ(ev["sequence"], 0);
      EXPECT_EQ(ev["dtstart"]["utc"], ev["dtstart"]["utc_by_vtimezone"]) << "VTIMEZONE agrees with the tz database";
      EXPECT_EQ(ev["organizer"]["address"], "mailto:lob@school.example");
      // The mentor and this one recipient: nobody sees another family's address.
      ASSERT_EQ(ev["attendees"].size(), 2u);
      EXPECT_EQ(ev["attendees"][1]["address"], "mailto:" + messages[i].rcpt);
      uids.insert(ev["uid"].get<std::string>());
    }
    EXPECT_EQ(m["tree"]["type"], "multipart/mixed");
    EXPECT_FALSE(m["text"].get<std::string>().empty());
  }
  // The two conversations with the Özdemir parents (siblings) and the one with the guardian
  // organisation; Zoë's individual talk.
  EXPECT_EQ(uids.size(), 4u);
  // Each message carries a Message-ID of its own, made from its outbox item (meeting, sequence,
  // recipient) when it was queued: a repeat after a crash would carry the same one.
  const auto ids = smtp_.message_ids();
  EXPECT_EQ(ids.size(), 5u);
  for (const auto& [id, n] : ids) {
    EXPECT_EQ(n, 1) << id;
    EXPECT_TRUE(id.starts_with("<") && id.find(".0.") != std::string::npos && id.ends_with("@school.example>")) << id;
  }

  // Calendar: one stored object per meeting in its mentor's calendar, no METHOD, and the server
  // told not to send invitations of its own.
  auto stored = stored_events();
  ASSERT_EQ(stored.size(), 7u);
  for (const auto& [uid, ics] : stored) {
    EXPECT_EQ(ics.find("METHOD:"), std::string::npos) << uid;
    EXPECT_NE(ics.find("SCHEDULE-AGENT=CLIENT"), std::string::npos) << uid;
    EXPECT_NE(ics.find("SEQUENCE:0"), std::string::npos) << uid;
  }

  // Running both again sends nothing.
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["planned"], 0);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["sent"], 0);
  EXPECT_EQ(smtp_.messages().size(), 5u);

  // A lesson appears over the sibling meeting with Emre's parents: it moves.
  json moved_meeting;
  for (const auto& m : plan["meetings"])
    if (m["student"] == "school:s2" && m["type"] == "parents") moved_meeting = m;
  ASSERT_FALSE(moved_meeting.is_null());
  write_file(dir_ / "busy.jsonl", json{{"person", moved_meeting["mentor"]},
                                       {"start", moved_meeting["start"]},
                                       {"end", moved_meeting["end"]}}.dump() + "\n");
  const auto replan = cli_json({"plan", "--config", file_, "--json", "--verbose"});
  EXPECT_EQ(replan["moved"], 1) << replan.dump();
  EXPECT_EQ(replan["kept"], 6);
  for (const auto& m : replan["meetings"]) {
    if (m["mentor"] != moved_meeting["mentor"]) continue;
    EXPECT_TRUE(m["end"] <= moved_meeting["start"] || m["start"] >= moved_meeting["end"]) << "in the lesson: " << m.dump();
  }
  const auto second = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(second["failed"], 0);
  const auto after = smtp_.messages();
  ASSERT_EQ(after.size(), 6u) << "only the parent of the moved meeting is mailed again";
  const auto update = parse_messages(smtp_, {after.back()})[0];
  const auto& ev = update["calendars"][0]["events"][0];
  const auto uid = moved_meeting["id"].get<std::string>() + "@school.example";
  EXPECT_EQ(ev["uid"], uid);
  EXPECT_EQ(ev["sequence"], 1);
  EXPECT_NE(ev["dtstart"]["utc"], moved_meeting["start"]);
  EXPECT_EQ(update["calendars"][0]["method"], "REQUEST");
  const auto ids_after = smtp_.message_ids();
  ASSERT_EQ(ids_after.size(), 6u) << "the update is a new message";
  std::size_t updates = 0;
  for (const auto& [id, n] : ids_after) {
    if (id.starts_with("<" + moved_meeting["id"].get<std::string>() + ".1.")) ++updates;
  }
  EXPECT_EQ(updates, 1u);

  stored = stored_events();
  ASSERT_EQ(stored.size(), 7u) << "updated in place, not added";
  EXPECT_NE(stored[uid].find("SEQUENCE:1"), std::string::npos) << stored[uid];
}

TEST_F(Invitations, ALeaversMeetingsAreCancelledInMailAndRemovedFromTheCalendar) {
  cli_json({"plan", "--config", file_, "--json"});
  cli_json({"dispatch", "--config", file_, "--json"});
  const auto before = smtp_.messages().size();
  leave_s4_and_their_guardian();
  auto config = json::parse(read_file(file_));
  config["plugins"]["school"]["sync"] = {{"max_removed_percent", 50}};
  write_file(file_, config.dump());
  ASSERT_EQ(cli({"sync", "--config", file_, "--json"}).exit_code, 0);
  EXPECT_EQ(cli_json({"plan", "--config", file_, "--json"})["cancelled"], 2);
  EXPECT_EQ(cli_json({"dispatch", "--config", file_, "--json"})["failed"], 0);
  const auto messages = smtp_.messages();
  ASSERT_EQ(messages.size(), before + 1) << "the guardian organisation hears of the cancellation";
  const auto cancel = parse_messages(smtp_, {messages.back()})[0];
  EXPECT_EQ(cancel["calendars"][0]["method"], "CANCEL");
  EXPECT_EQ(cancel["calendars"][0]["events"][0]["status"], "CANCELLED");
  EXPECT_EQ(cancel["calendars"][0]["events"][0]["sequence"], 1);
  EXPECT_EQ(stored_events().size(), 5u);
}

// The same school over several connections per channel, with the invitations and the leaver's
// cancellations sent by one dispatch run: every message arrives once, the mail server sees
// several connections, and what must arrive in order does (the cancellation after its
// invitation; the calendar copy deleted after it was written, so it is gone).
TEST_F(Invitations, OverSeveralConnectionsEachArrivesOnceAndCancellationsFollowTheirInvitations) {
  auto config = json::parse(read_file(file_));
  config["plugins"]["smtp"]["connections"] = 3;
  config["plugins"]["caldav"]["connections"] = 2;
  config["plugins"]["school"]["sync"] = {{"max_removed_percent", 50}};
  write_file(file_, config.dump());
  const auto plan = cli_json({"plan", "--config", file_, "--json"});
  leave_s4_and_their_guardian();
  ASSERT_EQ(cli({"sync", "--config", file_, "--json"}).exit_code, 0);
  const auto replan = cli_json({"plan", "--config", file_, "--json"});
  ASSERT_EQ(replan["cancelled"], 2);

  const auto sent = cli_json({"dispatch", "--config", file_, "--json"});
  EXPECT_EQ(sent["failed"], 0) << sent.dump();
  EXPECT_EQ(sent["retry_later"], 0) << sent.dump();
  EXPECT_EQ(sent["sent"], plan["outbox_items"].get<int>() + replan["outbox_items"].get<int>());
  EXPECT_GE(smtp_.connections(), 2) << "the mail went over more than one connection";
  for (const auto& [id, n] : smtp_.message_ids()) EXPECT_EQ(n, 1) << id;

  const auto messages = smtp_.messages();
  ASSERT_EQ(messages.size(), 6u) << "five invitations and the guardian organisation's cancellation";
  const auto parsed = parse_messages(smtp_, messages);
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> methods;  // (recipient, uid) → in arrival order
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const auto& cal = parsed[i]["calendars"][0];
    methods[{messages[i].rcpt, cal["events"][0]["uid"].get<std::string>()}].push_back(cal["method"]);
  }
  int cancelled = 0;
  for (const auto& [who, seen] : methods) {
    if (seen.size() < 2) continue;
    EXPECT_EQ(seen, (std::vector<std::string>{"REQUEST", "CANCEL"})) << who.first << " " << who.second;
    ++cancelled;
  }
  EXPECT_EQ(cancelled, 1);
  EXPECT_EQ(stored_events().size(), 5u) << "both of the leaver's calendar copies written, then deleted";
}

}  // namespace
}  // namespace lobsync::test::invitations_test
