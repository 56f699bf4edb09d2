// Starts tests/fakes/google/fake_google.py (Calendar v3, Gmail v1 and the Google token endpoint
// on one port) for one test, with the test service account of support/fake_oauth.h, and talks to
// its controls (/_control, /_stats).
#pragma once

#include "support/fake_oauth.h"
#include "support/process.h"
#include "support/test_env.h"

#include <memory>
#include <string>

namespace lobsync::test {

class FakeGoogle {
 public:
  static constexpr const char* kMailbox = "lob-planner@school.test";
  static constexpr const char* kMentorA = "mentor.a@school.test";
  static constexpr const char* kMentorB = "mentor.b@school.test";

  // The Workspace users: the LOB mailbox, two mentors, and any the test adds.
  explicit FakeGoogle(const FakeOAuthApp& app, const std::vector<std::string>& more_users = {}) {
    std::vector<std::string> args{python(), (source_dir() / "tests/fakes/google/fake_google.py").string(), "--oauth",
                                  app.config.string()};
    for (const char* user : {kMailbox, kMentorA, kMentorB}) args.insert(args.end(), {"--user", user});
    for (const auto& user : more_users) args.insert(args.end(), {"--user", user});
    process_ = std::make_unique<Process>(Process::start(args));
    const std::string line = process_->wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    port_ = std::stoi(line.substr(10));
    control_ = std::make_unique<FakeOAuthControl>(port_);
  }

  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string token_url() const { return base() + "/token"; }
  void control(const nlohmann::json& doc) const { control_->control(doc); }
  nlohmann::json stats() const { return control_->stats(); }

 private:
  std::unique_ptr<Process> process_;
  int port_ = 0;
  std::unique_ptr<FakeOAuthControl> control_;
};

}  // namespace lobsync::test
