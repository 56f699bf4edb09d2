// calendar.put and calendar.delete against Radicale: create, update with If-Match, a lost race,
// refused objects, credentials, rights, missing collections, and a server that is down.
#include "caldav_fixture.h"
#include "race_proxy.h"

#include "caldav/ical_reader.hpp"

namespace lobsync::caldav_test::calendar_put_test {
namespace {

using PutTest = CalDavTest;

constexpr const char* kUid = "gesprek-7f3a@lobsync.example";

json put_request(const std::string& calendar, const std::string& ics, const std::string& uid = kUid) {
  return {{"calendar", calendar}, {"uid", uid}, {"ics", ics}};
}

TEST_F(PutTest, CreatesTheEventWithIfNoneMatch) {
  server().make_calendar("mentor-a", calendar_);
  auto plugin = make();
  const auto put = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Oudergesprek 3B")));
  ASSERT_TRUE(put.result.ok()) << put.dump();
  ASSERT_EQ(put.docs.size(), 1u);
  EXPECT_EQ(put.docs[0]["created"], true);
  EXPECT_EQ(put.docs[0]["href"], server().url("/mentor-a/" + calendar_ + "/gesprek-7f3a%40lobsync.example.ics"));
  ASSERT_TRUE(put.docs[0]["etag"].is_string()) << put.dump();
  EXPECT_TRUE(put.docs[0]["etag"].get<std::string>().starts_with("\""));

  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.begin()->first, "gesprek-7f3a@lobsync.example.ics");
  EXPECT_TRUE(contains(stored.begin()->second, "SUMMARY:Oudergesprek 3B")) << stored.begin()->second;
}

TEST_F(PutTest, AnUpdateReplacesTheStoredObject) {
  server().make_calendar("mentor-a", calendar_);
  auto plugin = make();
  const auto first = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Oudergesprek 3B")));
  ASSERT_TRUE(first.result.ok()) << first.dump();
  const auto second = call(*plugin, "calendar.put",
                           put_request("mentor-a", meeting(kUid, 1, "Oudergesprek 3B (verzet)", "20261210T150000",
                                                           "20261210T153000")));
  ASSERT_TRUE(second.result.ok()) << second.dump();
  EXPECT_EQ(second.docs.at(0)["created"], false);
  EXPECT_EQ(second.docs[0]["href"], first.docs[0]["href"]);
  EXPECT_NE(second.docs[0]["etag"], first.docs[0]["etag"]);

  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u) << "one object per UID";
  EXPECT_TRUE(contains(stored.begin()->second, "SEQUENCE:1")) << stored.begin()->second;
  EXPECT_TRUE(contains(stored.begin()->second, "20261210T150000")) << stored.begin()->second;
  EXPECT_FALSE(contains(stored.begin()->second, "20261208T150000")) << stored.begin()->second;
}

TEST_F(PutTest, AChangeMadeBetweenReadAndWriteIsReadAgainAndThenReplaced) {
  server().make_calendar("mentor-a", calendar_);
  RaceProxy proxy(server().port(), 1);
  auto s = settings();
  s["collection_url"] = proxy.url("/{calendar}/" + calendar_ + "/");
  auto plugin = make(s);
  ASSERT_TRUE(call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Mentorgesprek"))).result.ok());

  const auto update = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 1, "Mentorgesprek (verzet)")));
  EXPECT_EQ(proxy.race(1), "RACE 1 201") << "someone else's change reached the server first";
  ASSERT_TRUE(update.result.ok()) << update.dump();
  EXPECT_EQ(update.docs.at(0)["created"], false);
  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(contains(stored.begin()->second, "SUMMARY:Mentorgesprek (verzet)")) << stored.begin()->second;
  EXPECT_FALSE(contains(stored.begin()->second, "Elders gewijzigd")) << stored.begin()->second;
}

TEST_F(PutTest, AnEventThatKeepsChangingGivesUpAsUnavailable) {
  server().make_calendar("mentor-a", calendar_);
  RaceProxy proxy(server().port(), 5);
  auto s = settings();
  s["collection_url"] = proxy.url("/{calendar}/" + calendar_ + "/");
  auto plugin = make(s);
  ASSERT_TRUE(call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Mentorgesprek"))).result.ok());

  const auto update = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 1, "Mentorgesprek (verzet)")));
  EXPECT_EQ(update.result.status, lobsync::plugin_host::CallStatus::unavailable) << update.dump();
  EXPECT_TRUE(contains(update.result.error, "kept changing")) << update.result.error;
  EXPECT_EQ(proxy.race(2), "RACE 2 201");  // read-then-PUT was tried twice
  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(contains(stored.begin()->second, "Elders gewijzigd (2)")) << "the other change is kept";
  EXPECT_FALSE(contains(stored.begin()->second, "Elders gewijzigd (3)")) << "no third round";
}

TEST_F(PutTest, Utf8NamesFoldedAcrossLinesArriveIntact) {
  server().make_calendar("mentor-a", calendar_);
  auto plugin = make();
  // TEXT escaping matters: Radicale 3.1.8 keeps only the part before an unescaped comma.
  const std::string summary =
      "Oudergesprek Zoë Özdemir\\, Ångström-Ünal en Çelik (ouders: Anaïs en Joël)\\, lokaal 2.14 — vervolg";
  std::string ics = meeting(kUid, 0, "x");
  ics.replace(ics.find("SUMMARY:x\r\n"), 11, fold("SUMMARY:" + summary));
  ASSERT_NE(ics.find("\r\n "), std::string::npos) << "the test needs a folded line";
  const auto put = call(*plugin, "calendar.put", put_request("mentor-a", ics));
  ASSERT_TRUE(put.result.ok()) << put.dump();
  const auto stored = server().list_events("mentor-a", calendar_);
  ASSERT_EQ(stored.size(), 1u);
  const auto doc = caldav::ical::parse(stored.begin()->second);
  ASSERT_TRUE(doc.problems.empty());
  EXPECT_EQ(caldav::ical::unescape_text(doc.components.at(0).children.back().property("SUMMARY")->value),
            "Oudergesprek Zoë Özdemir, Ångström-Ünal en Çelik (ouders: Anaïs en Joël), lokaal 2.14 — vervolg");
}

TEST_F(PutTest, AnObjectWithMethodIsRefusedBeforeAnythingIsSent) {
  server().make_calendar("mentor-a", calendar_);
  auto plugin = make();
  std::string ics = meeting(kUid, 0, "Oudergesprek");
  ics.insert(ics.find("BEGIN:VEVENT"), "METHOD:REQUEST\r\n");
  const auto put = call(*plugin, "calendar.put", put_request("mentor-a", ics));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << put.dump();
  EXPECT_TRUE(contains(put.result.error, "METHOD")) << put.result.error;
  EXPECT_TRUE(contains(put.result.error, "RFC 4791")) << put.result.error;
  EXPECT_TRUE(server().list_events("mentor-a", calendar_).empty());
}

TEST_F(PutTest, AnObjectWhoseUidDiffersOrThatIsNotICalendarIsRefused) {
  auto plugin = make();
  const auto other = call(*plugin, "calendar.put", put_request("mentor-a", meeting("iets-anders@x", 0, "Gesprek")));
  EXPECT_EQ(other.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << other.dump();
  EXPECT_TRUE(contains(other.result.error, "UID differs from the request's uid")) << other.result.error;

  const auto garbage = call(*plugin, "calendar.put", put_request("mentor-a", "hallo"));
  EXPECT_EQ(garbage.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << garbage.dump();
  const auto truncated = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Gesprek").substr(0, 120)));
  EXPECT_EQ(truncated.result.status, lobsync::plugin_host::CallStatus::invalid_argument) << truncated.dump();
  EXPECT_TRUE(contains(truncated.result.error, "never ended")) << truncated.result.error;

  for (const json& bad : {json{{"calendar", "mentor-a"}, {"ics", "x"}}, json{{"calendar", ""}, {"uid", kUid}, {"ics", "x"}},
                          json{{"calendar", "mentor-a"}, {"uid", 5}, {"ics", "x"}}, json{{"calendar", "mentor-a"}, {"uid", kUid}}}) {
    EXPECT_EQ(call(*plugin, "calendar.put", bad).result.status, lobsync::plugin_host::CallStatus::invalid_argument) << bad.dump();
  }
}

TEST_F(PutTest, AWrongPasswordIsAnAuthError) {
  server().make_calendar("mentor-a", calendar_);
  ::setenv(kSecretEnv, "verkeerd", 1);
  auto wrong = make();
  const auto put = call(*wrong, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::auth) << put.dump();
  EXPECT_FALSE(contains(put.result.error, "verkeerd")) << "never the password";
  EXPECT_FALSE(contains(put.dump(), "dienst-wachtwoord"));
}

TEST_F(PutTest, AnotherUsersCalendarIsForbidden) {
  server().make_calendar("mentor-b", calendar_);
  auto s = settings();
  s["username"] = "mentor-a";  // a mentor's own account, not the service account
  ::setenv(kSecretEnv, "wachtwoord-a", 1);
  auto plugin = make(s);
  const auto put = call(*plugin, "calendar.put", put_request("mentor-b", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::permanent) << put.dump();
  EXPECT_TRUE(contains(put.result.error, "forbidden")) << put.result.error;
}

TEST_F(PutTest, AMissingCalendarIsCreatedWhenAllowed) {
  server().touch_home("mentor-b");  // the mentor has logged in once, but has no LOB calendar
  auto refusing = make();
  const auto refused = call(*refusing, "calendar.put", put_request("mentor-b", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(refused.result.status, lobsync::plugin_host::CallStatus::permanent) << refused.dump();
  EXPECT_TRUE(contains(refused.result.error, "does not exist")) << refused.result.error;
  EXPECT_TRUE(contains(refused.result.error, "create_missing")) << refused.result.error;

  auto s = settings();
  s["create_missing"] = true;
  s["display_name"] = "LOB & loopbaan";
  auto creating = make(s);
  const auto put = call(*creating, "calendar.put", put_request("mentor-b", meeting(kUid, 0, "Gesprek")));
  ASSERT_TRUE(put.result.ok()) << put.dump();
  EXPECT_EQ(put.docs.at(0)["created"], true);
  EXPECT_EQ(server().list_events("mentor-b", calendar_).size(), 1u);
  const auto props = server().request("mentor-b", "PROPFIND", "/mentor-b/" + calendar_ + "/", "", {"Depth: 0"});
  EXPECT_TRUE(contains(props.body, "calendar")) << props.body;
  EXPECT_TRUE(contains(props.body, "LOB &amp; loopbaan")) << props.body;

  // A second event finds the calendar there.
  const auto again = call(*creating, "calendar.put", put_request("mentor-b", meeting("tweede@x", 0, "Gesprek"), "tweede@x"));
  ASSERT_TRUE(again.result.ok()) << again.dump();
  EXPECT_EQ(server().list_events("mentor-b", calendar_).size(), 2u);
}

TEST_F(PutTest, ACalendarWithoutAHomeCannotBeCreated) {
  auto s = settings();
  s["create_missing"] = true;
  s["collection_url"] = server().url("/{calendar}/" + calendar_ + "/");
  auto plugin = make(s);
  const auto put = call(*plugin, "calendar.put", put_request("nobody-yet", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::permanent) << put.dump();
  EXPECT_TRUE(contains(put.result.error, "parent collection does not exist")) << put.result.error;
}

TEST_F(PutTest, TheSameUidUnderAnotherNameIsAPermanentConflict) {
  server().make_calendar("mentor-a", calendar_);
  ASSERT_EQ(server().put_object("mentor-a", "mentor-a", calendar_, "handmatig.ics", meeting(kUid, 0, "Door de mentor")), 201);
  auto plugin = make();
  const auto put = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 1, "Gesprek")));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::permanent) << put.dump();
  EXPECT_TRUE(contains(put.result.error, "no-uid-conflict")) << put.result.error;
}

TEST_F(PutTest, DeleteRemovesTheEventAndAMissingOneCountsAsDone) {
  server().make_calendar("mentor-a", calendar_);
  auto plugin = make();
  ASSERT_TRUE(call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Gesprek"))).result.ok());
  ASSERT_EQ(server().list_events("mentor-a", calendar_).size(), 1u);

  const auto removed = call(*plugin, "calendar.delete", {{"calendar", "mentor-a"}, {"uid", kUid}});
  ASSERT_TRUE(removed.result.ok()) << removed.dump();
  EXPECT_EQ(removed.docs, (std::vector<json>{{{"deleted", true}}}));
  EXPECT_TRUE(server().list_events("mentor-a", calendar_).empty());

  const auto again = call(*plugin, "calendar.delete", {{"calendar", "mentor-a"}, {"uid", kUid}});
  ASSERT_TRUE(again.result.ok()) << again.dump();
  EXPECT_EQ(again.docs, (std::vector<json>{{{"deleted", false}}}));
}

TEST_F(PutTest, ExplicitCalendarUrlsOverrideTheTemplate) {
  server().make_calendar("mentor-b", calendar_);
  auto s = settings();
  s["calendars"] = {{"decaan", server().url("/mentor-b/" + calendar_)}};  // no trailing slash
  auto plugin = make(s);
  const auto put = call(*plugin, "calendar.put", put_request("decaan", meeting(kUid, 0, "Gesprek")));
  ASSERT_TRUE(put.result.ok()) << put.dump();
  EXPECT_EQ(server().list_events("mentor-b", calendar_).size(), 1u);

  s.erase("collection_url");
  auto only_explicit = make(s);
  const auto unknown = call(*only_explicit, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(unknown.result.status, lobsync::plugin_host::CallStatus::config) << unknown.dump();
}

TEST_F(PutTest, AServerThatIsDownIsUnavailable) {
  auto s = settings();
  s["collection_url"] = "http://127.0.0.1:1/{calendar}/lob/";  // nothing listens on port 1
  s["max_attempts"] = 2;
  auto plugin = make(s);
  const auto put = call(*plugin, "calendar.put", put_request("mentor-a", meeting(kUid, 0, "Gesprek")));
  EXPECT_EQ(put.result.status, lobsync::plugin_host::CallStatus::unavailable) << put.dump();
  EXPECT_EQ(waits_.size(), 1u) << "the host retried once, as max_attempts allows";
  const auto removed = call(*plugin, "calendar.delete", {{"calendar", "mentor-a"}, {"uid", kUid}});
  EXPECT_EQ(removed.result.status, lobsync::plugin_host::CallStatus::unavailable) << removed.dump();
}

TEST_F(PutTest, HealthNamesTheHostWithoutTouchingTheNetwork) {
  auto s = settings();
  s["collection_url"] = "https://dav.school.example/dav/calendars/{calendar}/lob/";
  auto plugin = make(s);
  json health;
  ASSERT_TRUE(plugin->health(health).ok());
  EXPECT_EQ(health, (json{{"ok", true}, {"host", "dav.school.example"}, {"probe", "none"}}));
}

}  // namespace
}  // namespace lobsync::caldav_test::calendar_put_test
