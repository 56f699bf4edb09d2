// Two `lobsync dispatch` processes at once on one store, killed with SIGKILL at random moments
// once the round has delivered something, and what each of them did, read from its debug log.
// Shared by the kill tests against the test sink (dispatch_test.cpp) and against real servers
// (kill_real_servers_test.cpp).
#pragma once

#include "support/process.h"

#include <csignal>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace lobsync::test {

// What one dispatch process logged at debug level: the items whose plugin call it started
// ("outbox item K on C: attempt N starts") and those whose outcome it recorded.
struct DispatchLog {
  std::map<std::string, std::string> started;  // key -> channel
  std::set<std::string> finished;              // sent, rescheduled or dead: recorded in the store

  // Calls still in progress when the process ended: the only items a kill can make repeat.
  std::map<std::string, std::string> unfinished() const {
    std::map<std::string, std::string> out;
    for (const auto& [key, channel] : started) {
      if (!finished.count(key)) out.emplace(key, channel);
    }
    return out;
  }
  bool called(const std::string& channel) const {
    for (const auto& [key, c] : started) {
      if (c == channel) return true;
    }
    return false;
  }
};

inline DispatchLog read_dispatch_log(const std::string& stderr_text) {
  static const std::regex started(R"(outbox item (\S+) on (\S+): attempt \d+ starts)");
  static const std::regex finished(R"(outbox item (\S+) on (\S+)(: sent| failed \(attempt| is dead:))");
  DispatchLog log;
  std::istringstream in(stderr_text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_search(line, m, started)) log.started[m[1]] = m[2];
    else if (std::regex_search(line, m, finished)) log.finished.insert(m[1]);
  }
  return log;
}

// One process of a round: how it ended and what it did.
struct DispatchRun {
  int pid = 0;
  bool killed = false;  // SIGKILL ended it (it was still running)
  int exit_code = 0;
  DispatchLog log;
  std::string stderr_text;
};

// Starts two dispatch processes together, waits (bounded) until `delivered()` exceeds its value
// at the start, then kills them one after the other at random moments. A process that finished
// before its kill is reported with its exit code.
inline std::vector<DispatchRun> kill_two_dispatchers(const std::vector<std::string>& argv,
                                                     const std::map<std::string, std::string>& env,
                                                     const std::function<int()>& delivered, std::mt19937& rng) {
  using namespace std::chrono_literals;
  const int before = delivered();
  std::vector<Process> processes;
  processes.push_back(Process::start(argv, env));
  processes.push_back(Process::start(argv, env));
  for (int i = 0; i < 500 && delivered() <= before; ++i) std::this_thread::sleep_for(10ms);
  std::uniform_int_distribution<int> pause_ms(0, 250);
  std::vector<DispatchRun> runs;
  for (auto& process : processes) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms(rng)));
    process.signal(SIGKILL);
  }
  for (auto& process : processes) {
    DispatchRun run;
    run.pid = process.pid();
    const auto code = process.wait(30s);
    run.exit_code = code.value_or(-1);
    run.killed = code == 128 + SIGKILL;
    run.stderr_text = process.drained_stderr();
    run.log = read_dispatch_log(run.stderr_text);
    runs.push_back(std::move(run));
  }
  return runs;
}

}  // namespace lobsync::test
