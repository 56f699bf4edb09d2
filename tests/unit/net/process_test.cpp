// Tests of tests/support/process.{h,cpp}, the runner every integration test relies on. They live
// here because the net tests are its first user.
#include "support/process.h"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <thread>

namespace lobsync::test::process_test {
namespace {

using namespace std::chrono_literals;

auto equals(const std::string& expected) {
  return [expected](const std::string& line) { return line == expected; };
}

TEST(Run, CapturesStdoutAndStderr) {
  RunResult r = run({"sh", "-c", "echo hello; echo oops >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "hello\n");
  EXPECT_EQ(r.err, "oops\n");
}

TEST(Run, ReportsExitCodes) {
  EXPECT_EQ(run({"sh", "-c", "exit 3"}).exit_code, 3);
  EXPECT_EQ(run({"false"}).exit_code, 1);
}

TEST(Run, KilledChildReports128PlusSignal) {
  EXPECT_EQ(run({"sh", "-c", "kill -KILL $$"}).exit_code, 128 + SIGKILL);
}

TEST(Run, PassesExtraEnvironmentAndKeepsTheRest) {
  RunResult r = run({"sh", "-c", "echo \"$LOBSYNC_TEST_VAR:${PATH:+path}\""}, 60s, {{"LOBSYNC_TEST_VAR", "bar"}});
  EXPECT_EQ(r.out, "bar:path\n");
}

TEST(Run, StdinIsEmpty) {
  EXPECT_EQ(run({"cat"}).out, "");
}

TEST(Run, LargeOutputOnBothPipesDoesNotBlock) {
  RunResult r = run({"sh", "-c", "head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), 1000000u);
  EXPECT_EQ(r.err.size(), 1000000u);
}

TEST(Run, MissingProgramThrows) {
  EXPECT_THROW(run({"/nonexistent/lobsync-no-such-program"}), std::runtime_error);
}

TEST(Run, TimeoutKillsAndThrowsWithOutput) {
  try {
    run({"sh", "-c", "echo started; exec sleep 60"}, 1s);
    FAIL() << "expected a timeout";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("started"), std::string::npos) << e.what();
  }
}

TEST(Process, WaitForStdoutLineConsumesLinesInOrder) {
  Process p = Process::start({"sh", "-c", "echo one; echo two; echo three; exec sleep 60"});
  EXPECT_EQ(p.wait_for_stdout_line(equals("two"), 30s), "two");
  // "one" was skipped and consumed; the next match starts after "two".
  EXPECT_EQ(p.wait_for_stdout_line([](const std::string&) { return true; }, 30s), "three");
}

TEST(Process, WaitForStderrLine) {
  Process p = Process::start({"sh", "-c", "echo 'level=info ready' >&2; exec sleep 60"});
  EXPECT_EQ(p.wait_for_stderr_line([](const std::string& l) { return l.find("ready") != std::string::npos; }, 30s),
            "level=info ready");
}

TEST(Process, LastLineWithoutNewlineCounts) {
  Process p = Process::start({"printf", "a\nb"});
  EXPECT_EQ(p.wait_for_stdout_line(equals("b"), 30s), "b");
}

TEST(Process, WaitForLineThrowsAtEndOfStreamWithWhatWasRead) {
  Process p = Process::start({"sh", "-c", "echo something-else"});
  try {
    p.wait_for_stdout_line(equals("never"), 30s);
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("something-else"), std::string::npos) << e.what();
  }
}

TEST(Process, WaitForLineThrowsOnTimeout) {
  Process p = Process::start({"sleep", "60"});
  EXPECT_THROW(p.wait_for_stdout_line(equals("never"), 100ms), std::runtime_error);
}

TEST(Process, SignalAndWait) {
  Process p = Process::start({"sleep", "60"});
  EXPECT_EQ(p.wait(0ms), std::nullopt);
  p.signal(SIGTERM);
  EXPECT_EQ(p.wait(60s), 128 + SIGTERM);
  EXPECT_EQ(p.wait(0ms), 128 + SIGTERM) << "the exit code is remembered";
}

TEST(Process, DrainedOutputAfterExitIsComplete) {
  Process p = Process::start({"sh", "-c", "echo out; echo err >&2; exit 4"});
  EXPECT_EQ(p.wait(60s), 4);
  EXPECT_EQ(p.drained_stdout(), "out\n");
  EXPECT_EQ(p.drained_stderr(), "err\n");
}

TEST(Process, MoveKeepsTheChild) {
  Process a = Process::start({"sh", "-c", "echo moved; exec sleep 60"});
  const pid_t pid = a.pid();
  Process b = std::move(a);
  EXPECT_EQ(b.pid(), pid);
  EXPECT_EQ(b.wait_for_stdout_line(equals("moved"), 30s), "moved");
}

// True once pid is gone or a zombie (PID 1 in a container may never reap it).
bool dead(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return true;
  auto paren = text.rfind(')');
  return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] == 'Z';
}

TEST(Process, DestructorKillsTheWholeGroup) {
  pid_t grandchild = 0;
  {
    Process p = Process::start({"sh", "-c", "sleep 60 & echo $!; wait"});
    grandchild = std::stoi(p.wait_for_stdout_line([](const std::string&) { return true; }, 30s));
    ASSERT_FALSE(dead(grandchild));
  }
  // SIGKILL is delivered asynchronously; give the kernel a moment, without asserting on time.
  for (int i = 0; i < 1000 && !dead(grandchild); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(dead(grandchild));
}

}  // namespace
}  // namespace lobsync::test::process_test
