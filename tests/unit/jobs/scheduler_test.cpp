// The scheduler over a real SQLite store and a manual clock.
#include "jobs/scheduler.h"
#include "support/test_env.h"

#include "unit/jobs/amsterdam_time.h"

#include <gtest/gtest.h>

#include <future>
#include <stdexcept>

namespace lobsync::jobs::scheduler_test {
namespace {

using namespace std::chrono_literals;
using namespace date::literals;

using namespace test_time;

// A job that counts its calls and remembers the slots it was given.
struct Recorder {
  std::vector<Instant> slots;
  JobFn fn() {
    return [this](const JobContext& context) {
      slots.push_back(context.scheduled_for);
      return JobOutcome{true, "done"};
    };
  }
};

class SchedulerTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> open() { return store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_); }

  test::ScratchDir dir_;
  ManualClock clock_{utc(2026_y / 1 / 15, 12h)};
};

// Steps the clock a minute at a time from `from` to `to`, calling run_due at each step.
std::vector<store::JobRun> simulate(Scheduler& scheduler, ManualClock& clock, Instant from, Instant to) {
  std::vector<store::JobRun> runs;
  for (clock.set(from); clock.now() <= to; clock.advance(1min)) {
    for (auto& run : scheduler.run_due()) runs.push_back(std::move(run));
  }
  return runs;
}

TEST_F(SchedulerTest, SpringNightRunsOnceAtEndOfGap) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 1h, recorder.fn());
  const auto runs = simulate(scheduler, clock_, utc(2026_y / 3 / 28, 20h), utc(2026_y / 3 / 29, 8h));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].scheduled_for, utc(2026_y / 3 / 29, 1h));  // 03:00 CEST
  EXPECT_EQ(runs[0].started_at, utc(2026_y / 3 / 29, 1h));     // run on the minute the slot came
  EXPECT_EQ(runs[0].outcome, "ok");
  EXPECT_EQ(recorder.slots, std::vector<Instant>{utc(2026_y / 3 / 29, 1h)});
  auto stored = store->job_run_for_slot("sync", utc(2026_y / 3 / 29, 1h));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->outcome, "ok");
  EXPECT_EQ(stored->detail, "done");
}

TEST_F(SchedulerTest, AutumnNightRunsOnceAtFirstOccurrence) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 1h, recorder.fn());
  const auto runs = simulate(scheduler, clock_, utc(2026_y / 10 / 24, 20h), utc(2026_y / 10 / 25, 8h));
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].scheduled_for, utc(2026_y / 10 / 25, 30min));  // 02:30 CEST, not 02:30 CET
  EXPECT_EQ(runs[0].started_at, utc(2026_y / 10 / 25, 30min));
  EXPECT_EQ(recorder.slots.size(), 1u);
}

TEST_F(SchedulerTest, OrdinaryNightsRunOncePerDay) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 1h, recorder.fn());
  const auto runs = simulate(scheduler, clock_, utc(2026_y / 1 / 15, 0h), utc(2026_y / 1 / 17, 23h));
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].scheduled_for, utc(2026_y / 1 / 15, 1h + 30min));
  EXPECT_EQ(runs[1].scheduled_for, utc(2026_y / 1 / 16, 1h + 30min));
  EXPECT_EQ(runs[2].scheduled_for, utc(2026_y / 1 / 17, 1h + 30min));
}

TEST_F(SchedulerTest, RunDueTwiceRunsNothingNew) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 24h, recorder.fn());
  clock_.set(utc(2026_y / 1 / 15, 1h + 30min));
  EXPECT_EQ(scheduler.run_due().size(), 1u);
  EXPECT_TRUE(scheduler.run_due().empty());
  clock_.advance(2h);
  EXPECT_TRUE(scheduler.run_due().empty());
  EXPECT_EQ(recorder.slots.size(), 1u);
  EXPECT_EQ(store->recent_job_runs(10).size(), 1u);
}

TEST_F(SchedulerTest, RestartDoesNotRerunRecordedSlot) {
  clock_.set(utc(2026_y / 1 / 15, 1h + 30min));
  Recorder recorder;
  {
    auto store = open();
    Scheduler scheduler(*store, clock_, amsterdam());
    scheduler.add("sync", k0230, 24h, recorder.fn());
    ASSERT_EQ(scheduler.run_due().size(), 1u);
  }
  clock_.advance(10min);
  auto store = open();  // a restarted daemon: new store connection, new scheduler
  Scheduler scheduler(*store, clock_, amsterdam());
  scheduler.add("sync", k0230, 24h, recorder.fn());
  EXPECT_TRUE(scheduler.run_due().empty());
  EXPECT_EQ(recorder.slots.size(), 1u);
}

TEST_F(SchedulerTest, MissedSlotWithinCatchUpRunsOnce) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 6h, recorder.fn());
  const Instant slot = utc(2026_y / 1 / 15, 1h + 30min);
  clock_.set(slot + 5h);  // the daemon was down at 02:30 and comes back at 07:30
  const auto runs = scheduler.run_due();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].scheduled_for, slot);
  EXPECT_EQ(runs[0].started_at, slot + 5h);
  clock_.advance(1min);
  EXPECT_TRUE(scheduler.run_due().empty());
  EXPECT_EQ(recorder.slots, std::vector<Instant>{slot});
}

TEST_F(SchedulerTest, MissedSlotOlderThanCatchUpIsSkipped) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 2h, recorder.fn());
  const Instant slot = utc(2026_y / 1 / 15, 1h + 30min);
  clock_.set(slot + 3h);
  EXPECT_TRUE(scheduler.run_due().empty());
  EXPECT_FALSE(store->last_job_run("sync"));
  // The next slot runs as usual.
  clock_.set(slot + 24h);
  const auto runs = scheduler.run_due();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].scheduled_for, slot + 24h);
}

TEST_F(SchedulerTest, ThrowingJobIsRecordedFailedAndOthersKeepRunning) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("bad", TimeOfDay{2, 0}, 1h, [](const JobContext&) -> JobOutcome {
    throw std::runtime_error("calendar unreachable");
  });
  scheduler.add("good", k0230, 1h, recorder.fn());
  const auto runs = simulate(scheduler, clock_, utc(2026_y / 1 / 15, 0h), utc(2026_y / 1 / 16, 23h));
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0].job, "bad");
  EXPECT_EQ(runs[0].outcome, "failed");
  EXPECT_NE(runs[0].detail.find("calendar unreachable"), std::string::npos);
  EXPECT_EQ(runs[1].job, "good");
  EXPECT_EQ(runs[1].outcome, "ok");
  EXPECT_EQ(runs[2].job, "bad");
  EXPECT_EQ(runs[3].job, "good");
  auto stored = store->job_run_for_slot("bad", utc(2026_y / 1 / 15, 1h));
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->outcome, "failed");
  EXPECT_TRUE(stored->finished_at);
  EXPECT_EQ(recorder.slots.size(), 2u);
}

TEST_F(SchedulerTest, JobReportingFailureIsRecordedFailed) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  scheduler.add("plan", k0230, 1h, [](const JobContext&) { return JobOutcome{false, "no free slots"}; });
  clock_.set(utc(2026_y / 1 / 15, 1h + 30min));
  const auto runs = scheduler.run_due();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].outcome, "failed");
  EXPECT_EQ(store->last_job_run("plan")->detail, "no free slots");
}

TEST_F(SchedulerTest, DueJobsRunInOrderOfSlot) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  std::vector<std::string> order;
  auto named = [&order](std::string name) {
    return [&order, name](const JobContext&) {
      order.push_back(name);
      return JobOutcome{};
    };
  };
  scheduler.add("dispatch", TimeOfDay{4, 0}, 24h, named("dispatch"));
  scheduler.add("sync", TimeOfDay{2, 0}, 24h, named("sync"));
  scheduler.add("plan", TimeOfDay{3, 0}, 24h, named("plan"));
  clock_.set(utc(2026_y / 1 / 15, 6h));
  const auto runs = scheduler.run_due();
  EXPECT_EQ(order, (std::vector<std::string>{"sync", "plan", "dispatch"}));
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_LT(runs[0].scheduled_for, runs[1].scheduled_for);
  EXPECT_LT(runs[1].scheduled_for, runs[2].scheduled_for);
}

TEST_F(SchedulerTest, RunNowRecordsAtNowAndRejectsUnknownName) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  Recorder recorder;
  scheduler.add("sync", k0230, 24h, recorder.fn());
  EXPECT_FALSE(scheduler.run_now("nope"));
  const auto outcome = scheduler.run_now("sync");
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->ok);
  EXPECT_EQ(outcome->detail, "done");
  EXPECT_EQ(recorder.slots, std::vector<Instant>{clock_.now()});
  auto stored = store->job_run_for_slot("sync", clock_.now());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->outcome, "ok");
}

TEST_F(SchedulerTest, NextWakeupAndNames) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  EXPECT_FALSE(scheduler.next_wakeup());
  scheduler.add("sync", k0230, 24h, Recorder{}.fn());
  scheduler.add("dispatch", TimeOfDay{18, 0}, 24h, [](const JobContext&) { return JobOutcome{}; });
  // Now is 2026-01-15 12:00 UTC (13:00 CET): dispatch at 18:00 CET = 17:00 UTC comes first.
  EXPECT_EQ(scheduler.next_wakeup(), utc(2026_y / 1 / 15, 17h));
  EXPECT_EQ(scheduler.job_names(), (std::vector<std::string>{"sync", "dispatch"}));
  EXPECT_THROW(scheduler.add("sync", k0230, 24h, Recorder{}.fn()), std::invalid_argument);
}

TEST_F(SchedulerTest, StartRunsDueJobsAndStopJoins) {
  auto store = open();
  Scheduler scheduler(*store, clock_, amsterdam());
  std::promise<Instant> ran;
  auto future = ran.get_future();
  bool first = true;  // only touched by the scheduler thread
  scheduler.add("sync", k0230, 24h, [&](const JobContext& context) {
    if (first) ran.set_value(context.scheduled_for);
    first = false;
    return JobOutcome{};
  });
  clock_.set(utc(2026_y / 1 / 15, 1h + 30min));
  scheduler.start();
  scheduler.start();  // a second start is harmless
  EXPECT_EQ(future.get(), utc(2026_y / 1 / 15, 1h + 30min));
  scheduler.stop();  // the thread sleeps until tomorrow; stop must wake and join it
  scheduler.stop();
  EXPECT_EQ(store->recent_job_runs(10).size(), 1u);
  EXPECT_EQ(store->last_job_run("sync")->outcome, "ok");
}

TEST_F(SchedulerTest, StopWithoutStartAndDestructorStop) {
  auto store = open();
  {
    Scheduler scheduler(*store, clock_, amsterdam());
    scheduler.stop();
  }
  Scheduler scheduler(*store, clock_, amsterdam());
  scheduler.start();
  // Leaving scope stops and joins the running thread.
}

}  // namespace
}  // namespace lobsync::jobs::scheduler_test
