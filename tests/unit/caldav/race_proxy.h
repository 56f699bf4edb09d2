// Starts tests/fakes/caldav/race_proxy.py in front of a CalDAV server: it changes an event
// behind the client's back right before the client's If-Match PUT, so the server answers 412.
#pragma once

#include "support/process.h"
#include "support/test_env.h"

#include <chrono>
#include <string>

namespace lobsync::caldav_test {

class RaceProxy {
 public:
  RaceProxy(int upstream_port, int races)
      : process_(test::Process::start({test::python(), (test::source_dir() / "tests/fakes/caldav/race_proxy.py").string(),
                                       "--upstream", std::to_string(upstream_port), "--races", std::to_string(races)})) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    port_ = std::stoi(line.substr(10));
  }

  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  // Waits for the proxy's report of race number n ("RACE n <status of its own PUT>").
  std::string race(int n) {
    return process_.wait_for_stdout_line(
        [&](const std::string& l) { return l.starts_with("RACE " + std::to_string(n) + " "); }, std::chrono::seconds(30));
  }

 private:
  test::Process process_;
  int port_ = 0;
};

}  // namespace lobsync::caldav_test
