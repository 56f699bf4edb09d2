// Runs the daemon's recurring jobs once a day at a school-local wall-clock time. Every run is
// recorded in the store before and after it runs, so a restarted daemon knows which slots ran
// and catches up the most recent missed one while it is younger than the job's catch-up window.
#pragma once

#include "core/clock.h"
#include "jobs/local_time.h"
#include "store/store.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace lobsync::jobs {

struct JobContext {
  std::string job;
  Instant scheduled_for;
};

struct JobOutcome {
  bool ok = true;
  std::string detail;
};

using JobFn = std::function<JobOutcome(const JobContext&)>;

class Scheduler {
 public:
  // A slot is also run when the scheduler reaches it late by less than this, even with a
  // catch-up window of zero: a thread waking a little after its slot has not missed it.
  static constexpr std::chrono::minutes kOnTimeGrace{5};
  // The loop re-reads the clock at least this often, so a jump of the system clock is seen.
  static constexpr std::chrono::seconds kMaxSleep{30};

  Scheduler(store::Store& store, const Clock& clock, const date::time_zone* tz);
  ~Scheduler();  // stops
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Names are unique; adding a name twice throws std::invalid_argument.
  void add(std::string name, TimeOfDay at, std::chrono::hours catch_up_within, JobFn fn);

  // Runs, synchronously and in order of slot, every job whose most recent slot is due at
  // clock.now(), has no run recorded for that slot, and is not older than catch_up_within.
  // Returns the runs it made. Exceptions from a JobFn are caught and recorded as "failed";
  // a StoreError (the run could not be recorded) propagates.
  std::vector<store::JobRun> run_due();

  // Runs one job now regardless of schedule (CLI run-once); recorded with scheduled_for = now.
  // Returns nullopt for an unknown job name.
  std::optional<JobOutcome> run_now(std::string_view name);

  std::optional<Instant> next_wakeup() const;  // earliest next slot of any job
  std::vector<std::string> job_names() const;

  // Background thread: sleep until the next wakeup (at most kMaxSleep), run_due(), repeat.
  void start();
  // Wakes the thread, waits for the current job to finish, joins. Idempotent.
  void stop();

 private:
  struct Job {
    std::string name;
    TimeOfDay at;
    std::chrono::hours catch_up_within;
    JobFn fn;
  };

  store::JobRun run_job(const Job& job, Instant slot);
  void loop();

  store::Store& store_;
  const Clock& clock_;
  const date::time_zone* tz_;

  mutable std::mutex jobs_mutex_;  // guards jobs_
  std::vector<Job> jobs_;
  std::mutex run_mutex_;           // one job at a time, whoever asks

  std::mutex loop_mutex_;          // guards stopping_ and wake_
  std::condition_variable wake_cv_;
  bool stopping_ = false;
  bool wake_ = false;
  std::thread thread_;
};

}  // namespace lobsync::jobs
