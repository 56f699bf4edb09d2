// busy.read against the fake portal: lessons in UTC across the October clock change, changed,
// cancelled and moved lessons, choice slots and exams, the window read in parts, one request
// per teacher or in batches, people who cannot be mapped or read, and only the fields needed.
#include "zermelo_fixture.h"

namespace lobsync::plugin_host::zermelo_busy_read_test {
namespace {

using nlohmann::json;
using Intervals = std::vector<std::pair<std::string, std::string>>;

class ZermeloBusyRead : public ZermeloTest {
 protected:
  // One school day in Europe/Amsterdam, as the host asks: local midnight to local midnight.
  Busy day(PluginInstance& instance, const std::string& from, const std::string& to, json people) {
    return busy(instance, request(from, to, std::move(people)));
  }
};

TEST_F(ZermeloBusyRead, LessonsAreUtcOnBothSidesOfTheClockChange) {
  test::FakeZermelo fake;
  auto instance = make(settings(fake));
  // Monday 19 October, summer time: 08:30 local is 06:30Z.
  const auto summer = day(*instance, "2026-10-18T22:00:00Z", "2026-10-19T22:00:00Z", {person("t1", "JAN")});
  ASSERT_TRUE(summer.result.ok()) << summer.dump();
  EXPECT_EQ(summer.intervals("t1"), (Intervals{{"2026-10-19T06:30:00Z", "2026-10-19T07:20:00Z"},
                                               {"2026-10-19T08:30:00Z", "2026-10-19T09:20:00Z"},
                                               {"2026-10-19T11:00:00Z", "2026-10-19T11:50:00Z"}}))
      << summer.dump();
  // Monday 26 October, winter time: 08:30 local is 07:30Z; the 14:00-16:00 exam makes jan busy.
  const auto winter = day(*instance, "2026-10-25T23:00:00Z", "2026-10-26T23:00:00Z", {person("t1", "JAN")});
  ASSERT_TRUE(winter.result.ok()) << winter.dump();
  EXPECT_EQ(winter.intervals("t1"), (Intervals{{"2026-10-26T07:30:00Z", "2026-10-26T08:20:00Z"},
                                               {"2026-10-26T09:30:00Z", "2026-10-26T10:20:00Z"},
                                               {"2026-10-26T12:00:00Z", "2026-10-26T12:50:00Z"},
                                               {"2026-10-26T13:00:00Z", "2026-10-26T15:00:00Z"}}))
      << winter.dump();
  EXPECT_EQ(winter.docs.size(), 4u) << "no problems, no errors: " << winter.dump();
}

TEST_F(ZermeloBusyRead, MovedCancelledAndChoiceAppointmentsAreNotBusy) {
  test::FakeZermelo fake;
  auto instance = make(settings(fake));
  // Tuesday 20 October: the 08:30 lesson moved to 15:00 (the old version is valid=false).
  EXPECT_EQ(day(*instance, "2026-10-19T22:00:00Z", "2026-10-20T22:00:00Z", {person("t1", "jan")}).intervals("t1"),
            (Intervals{{"2026-10-20T08:30:00Z", "2026-10-20T09:20:00Z"},
                       {"2026-10-20T11:00:00Z", "2026-10-20T11:50:00Z"},
                       {"2026-10-20T13:00:00Z", "2026-10-20T13:50:00Z"}}));
  // Friday 23 October: a choice slot at 14:00 does not make jan busy.
  EXPECT_EQ(day(*instance, "2026-10-22T22:00:00Z", "2026-10-23T22:00:00Z", {person("t1", "jan")}).intervals("t1"),
            (Intervals{{"2026-10-23T06:30:00Z", "2026-10-23T07:20:00Z"},
                       {"2026-10-23T08:30:00Z", "2026-10-23T09:20:00Z"},
                       {"2026-10-23T11:00:00Z", "2026-10-23T11:50:00Z"}}));
  // Wednesday 28 October: the 10:30 lesson is cancelled.
  EXPECT_EQ(day(*instance, "2026-10-27T23:00:00Z", "2026-10-28T23:00:00Z", {person("t1", "jan")}).intervals("t1"),
            (Intervals{{"2026-10-28T07:30:00Z", "2026-10-28T08:20:00Z"},
                       {"2026-10-28T12:00:00Z", "2026-10-28T12:50:00Z"}}));
  // Only valid, not cancelled appointments were asked for, with only the fields busy times need.
  for (const auto& r : fake.requests()) {
    EXPECT_EQ(r["user"], "jan");
    EXPECT_EQ(r["fields"], "id,start,end,type,teachers,valid,cancelled");
    EXPECT_EQ(r["auth"], "header");
  }
}

TEST_F(ZermeloBusyRead, AWindowIsReadInPartsEachAppointmentOnce) {
  test::FakeZermelo fake;
  auto s = settings(fake);
  s["days_per_request"] = 7;
  auto instance = make(s);
  // Four school weeks from Monday 19 October to Monday 16 November (local midnights).
  const auto read = busy(*instance, request("2026-10-18T22:00:00Z", "2026-11-15T23:00:00Z", {person("t1", "jan")}));
  ASSERT_TRUE(read.result.ok()) << read.dump();
  // 20 days of 3 lessons and 4 shared Thursday lessons, less the one jan was replaced in and the
  // cancelled one, plus the exam (the moved lesson counts once, choice slots not).
  const auto intervals = read.intervals("t1");
  EXPECT_EQ(intervals.size(), 63u) << read.dump();
  EXPECT_TRUE(std::is_sorted(intervals.begin(), intervals.end()));
  EXPECT_EQ(std::adjacent_find(intervals.begin(), intervals.end()), intervals.end()) << "no interval twice";
  // Parts of 7 days from a day before the window (an appointment that started earlier still
  // overlaps it), back to back, the last one ending at the window's end.
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 5u) << requests.dump();
  EXPECT_EQ(requests[0]["start"], std::to_string(1792360800 - 86400));
  for (std::size_t i = 1; i < requests.size(); ++i) EXPECT_EQ(requests[i]["start"], requests[i - 1]["end"]);
  EXPECT_EQ(requests.back()["end"], "1794783600");
}

TEST_F(ZermeloBusyRead, BatchedTeachersAreAttributedByEachAppointmentsTeachers) {
  test::FakeZermelo fake;
  auto s = settings(fake);
  s["teachers_per_request"] = 5;
  auto instance = make(s);
  // Thursday 29 October: jan and vri give the 14:40 lesson together.
  const auto read = day(*instance, "2026-10-28T23:00:00Z", "2026-10-29T23:00:00Z",
                        {person("t1", "jan"), person("t2", "vri"), person("t3", "xyz")});
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1"), (Intervals{{"2026-10-29T07:30:00Z", "2026-10-29T08:20:00Z"},
                                             {"2026-10-29T09:30:00Z", "2026-10-29T10:20:00Z"},
                                             {"2026-10-29T12:00:00Z", "2026-10-29T12:50:00Z"},
                                             {"2026-10-29T13:40:00Z", "2026-10-29T14:30:00Z"}}));
  EXPECT_EQ(read.intervals("t2"), (Intervals{{"2026-10-29T08:20:00Z", "2026-10-29T09:10:00Z"},
                                             {"2026-10-29T10:20:00Z", "2026-10-29T11:10:00Z"},
                                             {"2026-10-29T12:50:00Z", "2026-10-29T13:40:00Z"},
                                             {"2026-10-29T13:40:00Z", "2026-10-29T14:30:00Z"}}));
  EXPECT_TRUE(read.intervals("t3").empty());
  const auto requests = fake.requests();
  ASSERT_EQ(requests.size(), 1u) << requests.dump();
  EXPECT_EQ(requests[0]["teachers"], json({"jan", "vri", "xyz"}));
  EXPECT_TRUE(requests[0]["user"].is_null());
}

TEST_F(ZermeloBusyRead, ASubstituteIsBusyAndTheReplacedTeacherIsNot) {
  test::FakeZermelo fake;
  auto instance = make(settings(fake));
  // Thursday 22 October: vri gives the shared 14:40 lesson alone.
  const auto read = day(*instance, "2026-10-21T22:00:00Z", "2026-10-22T22:00:00Z", {person("t1", "jan"), person("t2", "vri")});
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1").size(), 3u) << read.dump();
  EXPECT_EQ(read.intervals("t2").back(), std::make_pair(std::string("2026-10-22T12:40:00Z"), std::string("2026-10-22T13:30:00Z")));
}

TEST_F(ZermeloBusyRead, PeopleWhoCannotBeMappedOrReadGetErrorsAndOthersGoOn) {
  test::FakeZermelo fake;
  auto s = settings(fake);
  s["codes"] = {{"B.deVries@School.example", "vri"}};
  auto instance = make(s);
  const auto read = day(*instance, "2026-10-28T23:00:00Z", "2026-10-29T23:00:00Z",
                        {person("t1", "jan"), person("unknown", "xyz"), person("no-code", ""),
                         person("odd", "J N"), person("mapped", "BDV", "b.devries@school.example")});
  ASSERT_TRUE(read.result.ok()) << read.dump();
  EXPECT_EQ(read.intervals("t1").size(), 4u) << read.dump();
  EXPECT_EQ(read.intervals("mapped").size(), 4u) << "the codes setting maps the e-mail address to vri: " << read.dump();
  EXPECT_NE(read.message("unknown", "error").find("Zermelo knows no user \"xyz\" (HTTP 404)"), std::string::npos) << read.dump();
  EXPECT_NE(read.message("no-code", "error").find("no abbreviation"), std::string::npos) << read.dump();
  EXPECT_NE(read.message("odd", "error").find("is not a Zermelo user code"), std::string::npos) << read.dump();
  for (const auto& r : fake.requests()) EXPECT_NE(r["user"], "j n") << "an unusable code is never sent";
}

TEST_F(ZermeloBusyRead, AMalformedRequestIsRefused) {
  test::FakeZermelo fake;
  auto instance = make(settings(fake));
  const auto read = busy(*instance, {{"from", "yesterday"}, {"to", "2026-10-20T00:00:00Z"}, {"people", json::array()}});
  EXPECT_EQ(read.result.status, CallStatus::invalid_argument) << read.dump();
  EXPECT_NE(read.result.error.find("from"), std::string::npos) << read.dump();
  EXPECT_TRUE(fake.requests().empty());
}

}  // namespace
}  // namespace lobsync::plugin_host::zermelo_busy_read_test
