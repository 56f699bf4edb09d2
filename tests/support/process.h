// Running real programs from tests: one-shot commands (run) and background children such as fake
// servers or the daemon itself (Process). Output is captured on both pipes by a reader thread, so
// a chatty child never blocks on a full pipe while the test is busy elsewhere.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::test {

struct RunResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

// Runs argv (looked up in PATH) to completion with stdin from /dev/null. The environment is the
// test's own plus extra_env. On timeout the child's process group is killed and this throws with
// everything captured, so a hung child fails the test loudly instead of hanging it.
RunResult run(const std::vector<std::string>& argv,
              std::chrono::seconds timeout = std::chrono::seconds(120),
              const std::map<std::string, std::string>& extra_env = {});

// A child running in the background in its own process group. The destructor kills the whole
// group (SIGKILL) and reaps the child if it is still running, so no test leaves servers behind.
class Process {
 public:
  // Throws std::runtime_error when the program cannot be started.
  static Process start(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& extra_env = {});

  Process(Process&&) noexcept;
  Process& operator=(Process&&) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  pid_t pid() const;

  // Returns the next stdout line (without newline) for which match is true. Lines are consumed:
  // a later call continues after the returned line. Throws std::runtime_error with everything read
  // so far when no such line arrives within timeout or the stream ends. match runs under an
  // internal lock and must not call back into this Process.
  std::string wait_for_stdout_line(const std::function<bool(const std::string&)>& match,
                                   std::chrono::milliseconds timeout);
  // The same for stderr, where the daemon writes its log.
  std::string wait_for_stderr_line(const std::function<bool(const std::string&)>& match,
                                   std::chrono::milliseconds timeout);

  // Sends sig to the child itself (not its group), e.g. SIGTERM for a graceful stop.
  void signal(int sig);

  // Exit code (128+N if killed by signal N), or nullopt if still running after timeout. Once the
  // child has exited, waits briefly for its pipes to close so drained_*() holds all its output.
  std::optional<int> wait(std::chrono::milliseconds timeout);

  // Everything captured so far (after wait() has returned an exit code: everything).
  std::string drained_stdout();
  std::string drained_stderr();

 private:
  struct State;
  explicit Process(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace lobsync::test
