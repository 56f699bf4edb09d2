#include "jobs/scheduler.h"

#include "core/log.h"

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace lobsync::jobs {
namespace {

JobOutcome call_job(const JobFn& fn, const JobContext& context) {
  // A job's failure must not take the scheduler down, nor leave the run "running".
  try {
    return fn(context);
  } catch (const std::exception& e) {
    return {false, std::string("job threw: ") + e.what()};
  } catch (...) {
    return {false, "job threw an unknown exception"};
  }
}

}  // namespace

Scheduler::Scheduler(store::Store& store, const Clock& clock, const date::time_zone* tz)
    : store_(store), clock_(clock), tz_(tz) {
  if (tz_ == nullptr) throw std::invalid_argument("scheduler needs a time zone");
}

Scheduler::~Scheduler() { stop(); }

void Scheduler::add(std::string name, TimeOfDay at, std::chrono::hours catch_up_within, JobFn fn) {
  {
    std::lock_guard lock(jobs_mutex_);
    for (const Job& job : jobs_) {
      if (job.name == name) throw std::invalid_argument("job \"" + name + "\" is already scheduled");
    }
    jobs_.push_back(Job{std::move(name), at, catch_up_within, std::move(fn)});
  }
  // A running loop may be asleep until a later slot than the new job's.
  std::lock_guard lock(loop_mutex_);
  wake_ = true;
  wake_cv_.notify_all();
}

store::JobRun Scheduler::run_job(const Job& job, Instant slot) {
  store::JobRun run;
  run.job = job.name;
  run.scheduled_for = slot;
  run.started_at = clock_.now();
  // Recorded before the job runs, so a crash mid-run shows up as "interrupted" after restart
  // and the slot is not run a second time.
  run.id = store_.begin_job_run(run.job, run.scheduled_for, run.started_at);
  log::info("job {} started (run {})", run.job, run.id);
  const auto began = std::chrono::steady_clock::now();

  const JobOutcome outcome = call_job(job.fn, JobContext{job.name, slot});

  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began);
  run.outcome = std::string(outcome.ok ? store::kOk : store::kFailed);
  run.detail = outcome.detail;
  run.finished_at = clock_.now();
  store_.finish_job_run(run.id, run.outcome, run.detail, *run.finished_at);
  // The detail stays in the store (it may quote data); the log gets name, outcome, duration.
  if (outcome.ok) {
    log::info("job {} finished: {} in {} ms (run {})", run.job, run.outcome, took.count(), run.id);
  } else {
    log::warn("job {} finished: {} in {} ms (run {}; detail in the store)", run.job, run.outcome, took.count(),
              run.id);
  }
  return run;
}

std::vector<store::JobRun> Scheduler::run_due() {
  std::lock_guard run_lock(run_mutex_);
  const Instant now = clock_.now();

  struct Due {
    const Job* job;
    Instant slot;
  };
  std::vector<Due> due;
  std::vector<Job> jobs;
  {
    std::lock_guard lock(jobs_mutex_);
    jobs = jobs_;  // a copy, so add() from another thread cannot move jobs under a running one
  }
  for (const Job& job : jobs) {
    const Instant slot = latest_occurrence(job.at, tz_, now);
    const auto window = std::max<std::chrono::milliseconds>(job.catch_up_within, kOnTimeGrace);
    if (now - slot > window) continue;                     // missed too long ago; wait for the next
    if (store_.job_run_for_slot(job.name, slot)) continue;  // ran (or was cut off) already
    due.push_back({&job, slot});
  }
  std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) { return a.slot < b.slot; });

  std::vector<store::JobRun> runs;
  for (const Due& d : due) {
    if (d.slot < now - kOnTimeGrace) log::info("job {}: catching up a missed slot", d.job->name);
    runs.push_back(run_job(*d.job, d.slot));
  }
  return runs;
}

std::optional<JobOutcome> Scheduler::run_now(std::string_view name) {
  std::optional<Job> job;
  {
    std::lock_guard lock(jobs_mutex_);
    const auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const Job& j) { return j.name == name; });
    if (it == jobs_.end()) return std::nullopt;
    job = *it;
  }
  std::lock_guard run_lock(run_mutex_);
  const store::JobRun run = run_job(*job, clock_.now());
  return JobOutcome{run.outcome == store::kOk, run.detail};
}

std::optional<Instant> Scheduler::next_wakeup() const {
  const Instant now = clock_.now();
  std::lock_guard lock(jobs_mutex_);
  std::optional<Instant> earliest;
  for (const Job& job : jobs_) {
    const Instant next = next_occurrence(job.at, tz_, now);
    if (!earliest || next < *earliest) earliest = next;
  }
  return earliest;
}

std::vector<std::string> Scheduler::job_names() const {
  std::lock_guard lock(jobs_mutex_);
  std::vector<std::string> names;
  names.reserve(jobs_.size());
  for (const Job& job : jobs_) names.push_back(job.name);
  return names;
}

void Scheduler::start() {
  std::lock_guard lock(loop_mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(loop_mutex_);
    stopping_ = true;
    wake_cv_.notify_all();
  }
  // Only the thread that owns the scheduler calls stop(); join outside the lock so the loop
  // can take it to see stopping_.
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  log::info("scheduler started");
  std::unique_lock lock(loop_mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      run_due();
    } catch (const std::exception& e) {
      // Most likely the store is unavailable; the slot stays unrecorded and is retried.
      log::error("scheduler: could not run due jobs: {}", e.what());
    }
    std::chrono::milliseconds sleep = kMaxSleep;
    if (const auto next = next_wakeup()) {
      sleep = std::clamp<std::chrono::milliseconds>(*next - clock_.now(), std::chrono::milliseconds(0), kMaxSleep);
    }
    lock.lock();
    wake_cv_.wait_for(lock, sleep, [this] { return stopping_ || wake_; });
    wake_ = false;
  }
  log::info("scheduler stopped");
}

}  // namespace lobsync::jobs
