// Starts tests/fakes/microsoft365/fake_graph.py (Graph v1.0 and the token endpoint on one port)
// for one test, with the test app registration of support/fake_oauth.h, and talks to its
// controls (/_control, /_stats).
#pragma once

#include "support/fake_oauth.h"
#include "support/process.h"
#include "support/test_env.h"

#include <string>
#include <vector>

namespace lobsync::test {

class FakeGraph {
 public:
  static constexpr const char* kMailbox = "lob-planner@school.test";

  // `mailboxes`: more mailboxes that exist, next to the LOB mailbox and the two test mentors.
  explicit FakeGraph(const FakeOAuthApp& app, const std::vector<std::string>& mailboxes = {})
      : process_(Process::start(arguments(app, mailboxes))) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    port_ = std::stoi(line.substr(10));
    control_ = std::make_unique<FakeOAuthControl>(port_);
  }

  static std::vector<std::string> arguments(const FakeOAuthApp& app, const std::vector<std::string>& mailboxes) {
    std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/microsoft365/fake_graph.py").string(), "--oauth",
                                  app.config.string(), "--mailbox", kMailbox, "--mailbox", "mentor.a@school.test",
                                  "--mailbox", "mentor.b@school.test"};
    for (const auto& m : mailboxes) {
      argv.push_back("--mailbox");
      argv.push_back(m);
    }
    return argv;
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string graph_url() const { return base() + "/v1.0"; }
  void control(const nlohmann::json& doc) const { control_->control(doc); }
  nlohmann::json stats() const { return control_->stats(); }

 private:
  Process process_;
  int port_ = 0;
  std::unique_ptr<FakeOAuthControl> control_;
};

}  // namespace lobsync::test
