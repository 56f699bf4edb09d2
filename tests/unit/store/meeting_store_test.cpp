// Meetings in a real SQLite file: saved with their side effects in one transaction, found again
// by id and mentor, and the booking race: of two changes to one version, exactly one wins.
#include "store/store.h"

#include "support/test_env.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace lobsync::store::meeting_store_test {
namespace {

using namespace std::chrono_literals;

const Instant kT0 = instant_from_unix_ms(1'795'000'000'000);

domain::Meeting meeting(std::string id, std::string mentor, Instant start) {
  domain::Meeting m;
  m.id = std::move(id);
  m.type = "parents";
  m.student = "src:s1";
  m.mentor = std::move(mentor);
  m.start = start;
  m.end = start + 20min;
  m.location = "Lokaal 2.14";
  m.participants = {{"mentor", "src:t1", "Anna Jansen", "a.jansen@school.example", ""},
                    {"parent", "src:p1", "Zoë Özdemir", "z@example.org", "tr"}};
  m.school_year = "2026-2027";
  return m;
}

class MeetingStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> open() { return open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }
  test::ScratchDir dir_;
  ManualClock clock_{kT0};
};

TEST_F(MeetingStoreTest, SavedMeetingsComeBackWhole) {
  auto store = open();
  auto m = meeting("m-1", "src:t1", kT0 + 48h);
  m.household = "h-1";
  store->meetings().save({m}, {}, kT0);
  const auto back = store->meetings().meeting("m-1");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->participants, m.participants);
  EXPECT_EQ(back->start, m.start);
  EXPECT_EQ(back->end, m.end);
  EXPECT_EQ(back->household, "h-1");
  EXPECT_EQ(back->status, "planned");
  EXPECT_EQ(store->meetings().meetings("2026-2027").size(), 1u);
  EXPECT_TRUE(store->meetings().meetings("2025-2026").empty());
  EXPECT_FALSE(store->meetings().meeting("m-2"));
}

TEST_F(MeetingStoreTest, AttendanceSetsTheStatusAndIsKeptPerVersion) {
  auto store = open();
  store->meetings().save({meeting("m-1", "src:t1", kT0 - 1h), meeting("m-2", "src:t1", kT0 - 2h)}, {}, kT0);
  const auto missed = store->meetings().mark_attendance("m-1", Attendance::no_show, "src:t1", kT0);
  ASSERT_TRUE(missed);
  EXPECT_EQ(missed->status, domain::kMissed);
  EXPECT_EQ(missed->sequence, 1);  // a plan that read version 0 cannot write its status back
  EXPECT_TRUE(store->meetings().mark_attendance("m-2", Attendance::held, "cli", kT0));
  EXPECT_EQ(store->meetings().meeting("m-2")->status, domain::kHeld);
  EXPECT_EQ(store->meetings().missed_meetings(), (std::set<std::string>{"m-1"}));
  // Held later (at its new time), it stays known as once missed.
  EXPECT_EQ(store->meetings().mark_attendance("m-1", Attendance::held, "src:t1", kT0)->status, domain::kHeld);
  EXPECT_EQ(store->meetings().missed_meetings(), (std::set<std::string>{"m-1"}));
  EXPECT_FALSE(store->meetings().mark_attendance("m-9", Attendance::held, "cli", kT0));
}

TEST_F(MeetingStoreTest, SavingAgainReplacesTheVersionAndQueuesEffectsOnce) {
  auto store = open();
  auto m = meeting("m-1", "src:t1", kT0 + 48h);
  const OutboxEntry invite{"invite:m-1:0:x", "mail", "mail.send", {{"message", "v0"}}};
  store->meetings().save({m}, {invite}, kT0);
  store->meetings().save({m}, {invite}, kT0);  // a re-run of the same plan
  m.sequence = 1;
  m.start += 1h;
  m.end += 1h;
  store->meetings().save({m}, {{"invite:m-1:1:x", "mail", "mail.send", {{"message", "v1"}}}}, kT0);
  EXPECT_EQ(store->meetings().meeting("m-1")->sequence, 1);
  const auto counts = store->outbox().outbox_counts();
  std::int64_t total = 0;
  for (const auto& [state, n] : counts) total += n;
  EXPECT_EQ(total, 2);
}

TEST_F(MeetingStoreTest, AnEffectWrittenAsTextIsQueuedAsThatRequest) {
  auto store = open();
  const auto m = meeting("m-1", "src:t1", kT0 + 48h);
  OutboxEntry invite{"invite:m-1:0:x", "mail", "mail.send", nullptr,
                     R"({"idempotency_key":"invite:m-1:0:x","recipients":["ouder@example.nl"],"invitation":{"uid":"m-1"}})"};
  store->meetings().save({m}, {invite}, kT0);
  const auto item = store->outbox().outbox_item("invite:m-1:0:x");
  ASSERT_TRUE(item);
  EXPECT_EQ(item->request, nlohmann::json::parse(invite.request_text));
  EXPECT_EQ(item->state, "pending");
  invite.request_text = R"({"recipients":["iemand@anders.nl"]})";
  store->meetings().save({m}, {invite}, kT0);  // a re-run: the key is taken, the first request stays
  EXPECT_EQ(store->outbox().outbox_item("invite:m-1:0:x")->request["recipients"][0], "ouder@example.nl");
}

TEST_F(MeetingStoreTest, APlanDoesNotOverwriteAChangeMadeMeanwhile) {
  auto store = open();
  auto m = meeting("m-1", "src:t1", kT0 + 48h);
  store->meetings().save({m}, {}, kT0);
  // A parent moves it (version 1) while a plan that read version 0 moves it too.
  auto by_parent = m;
  by_parent.sequence = 1;
  by_parent.start += 2h;
  by_parent.end += 2h;
  ASSERT_TRUE(store->meetings().save_if_sequence(by_parent, 0, {}, kT0));
  auto by_plan = m;
  by_plan.sequence = 1;
  by_plan.start += 5h;
  by_plan.end += 5h;
  EXPECT_THROW(store->meetings().save({by_plan}, {{"invite:m-1:1:x", "mail", "mail.send", {}}}, kT0), StoreError);
  EXPECT_EQ(store->meetings().meeting("m-1")->start, by_parent.start);
  EXPECT_FALSE(store->outbox().outbox_item("invite:m-1:1:x"));
}

TEST_F(MeetingStoreTest, AFailedSaveLeavesNeitherMeetingsNorEffects) {
  auto store = open();
  auto good = meeting("m-1", "src:t1", kT0 + 48h);
  auto bad = meeting("m-2", "src:t1", kT0 + 72h);
  bad.end = bad.start;  // violates end > start
  EXPECT_THROW(store->meetings().save({good, bad}, {{"invite:m-1:0:x", "mail", "mail.send", {}}}, kT0), StoreError);
  EXPECT_FALSE(store->meetings().meeting("m-1"));
  EXPECT_FALSE(store->outbox().outbox_item("invite:m-1:0:x"));
}

TEST_F(MeetingStoreTest, MentorMeetingsAreTheActiveOnesInOrder) {
  auto store = open();
  auto late = meeting("m-late", "src:t1", kT0 + 96h);
  auto early = meeting("m-early", "src:t1", kT0 + 24h);
  auto other = meeting("m-other", "src:t2", kT0 + 24h);
  auto gone = meeting("m-gone", "src:t1", kT0 + 48h);
  gone.status = "cancelled";
  store->meetings().save({late, early, other, gone}, {}, kT0);
  const auto list = store->meetings().mentor_meetings("src:t1");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "m-early");
  EXPECT_EQ(list[1].id, "m-late");
}

TEST_F(MeetingStoreTest, StudentMeetingsAreTheActiveOnesOfTheYearInOrder) {
  auto store = open();
  auto late = meeting("m-late", "src:t1", kT0 + 96h);
  auto early = meeting("m-early", "src:t2", kT0 + 24h);
  auto someone_else = meeting("m-else", "src:t1", kT0 + 24h);
  someone_else.student = "src:s2";
  auto last_year = meeting("m-last-year", "src:t1", kT0 + 24h);
  last_year.school_year = "2025-2026";
  auto gone = meeting("m-gone", "src:t1", kT0 + 48h);
  gone.status = "cancelled";
  store->meetings().save({late, early, someone_else, last_year, gone}, {}, kT0);
  const auto list = store->meetings().student_meetings("src:s1", "2026-2027");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, "m-early");
  EXPECT_EQ(list[1].id, "m-late");
}

TEST_F(MeetingStoreTest, OfTwoConcurrentChangesToOneVersionExactlyOneWins) {
  auto store = open();
  store->meetings().save({meeting("m-1", "src:t1", kT0 + 48h)}, {}, kT0);
  auto second = open();  // another connection, as a second daemon thread or process would have
  std::atomic<int> wins = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto& s = (i % 2 == 0) ? *store : *second;
      auto changed = meeting("m-1", "src:t1", kT0 + 48h + std::chrono::hours(i + 1));
      changed.sequence = 1;
      if (s.meetings().save_if_sequence(changed, 0, {{"invite:m-1:1:" + std::to_string(i), "mail", "mail.send", {}}}, kT0))
        ++wins;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(store->meetings().meeting("m-1")->sequence, 1);
  std::int64_t queued = 0;
  for (const auto& [state, n] : store->outbox().outbox_counts()) queued += n;
  EXPECT_EQ(queued, 1) << "only the winner's invitations are queued";
}

TEST_F(MeetingStoreTest, ARebookRespectsOverlapBreaksAndTheDailyMaximum) {
  auto store = open();
  // The mentor's day [kT0, kT0 + 24h) already holds two meetings; m-move is on another day.
  auto a = meeting("m-a", "src:t1", kT0 + 1h);
  auto b = meeting("m-b", "src:t1", kT0 + 3h);
  auto cancelled = meeting("m-c", "src:t1", kT0 + 5h);
  cancelled.status = "cancelled";
  auto mover = meeting("m-move", "src:t1", kT0 + 48h);
  store->meetings().save({a, b, cancelled, mover}, {}, kT0);
  RebookRules rules;
  rules.gap = 10min;
  rules.day_from = kT0;
  rules.day_to = kT0 + 24h;
  auto to = [&](Instant start) {
    auto moved = store->meetings().meeting("m-move").value();
    const int sequence = moved.sequence;
    moved.start = start;
    moved.end = start + 20min;
    ++moved.sequence;
    return store->meetings().rebook(moved, sequence, rules, {}, kT0);
  };
  EXPECT_EQ(to(kT0 + 1h + 25min), RebookResult::taken) << "inside the break after m-a";
  rules.max_per_day = 2;
  EXPECT_EQ(to(kT0 + 7h), RebookResult::taken) << "the day already has its two; the cancelled one does not count";
  rules.max_per_day = 3;
  EXPECT_EQ(to(kT0 + 7h), RebookResult::moved);
  EXPECT_EQ(store->meetings().meeting("m-move")->start, kT0 + 7h);
  EXPECT_EQ(to(kT0 + 8h), RebookResult::moved) << "moving within the day does not count itself";
  EXPECT_EQ(store->meetings().meeting("m-move")->sequence, 2);
}

TEST_F(MeetingStoreTest, FamilyChoicesAndPlanRunsPersist) {
  {
    auto store = open();
    store->meetings().set_separate_households("src:s1", true, kT0);
    store->meetings().set_separate_households("src:s2", true, kT0);
    store->meetings().set_separate_households("src:s2", false, kT0);
    store->meetings().record_plan_run(kT0, kT0 + 2s, false, {{"planned", 3}});
  }
  auto store = open();
  EXPECT_EQ(store->meetings().separate_households(), (std::set<std::string>{"src:s1"}));
  const auto run = store->meetings().last_plan_run();
  ASSERT_TRUE(run);
  EXPECT_EQ(run->summary["planned"], 3);
  EXPECT_FALSE(run->dry_run);
}

}  // namespace
}  // namespace lobsync::store::meeting_store_test
