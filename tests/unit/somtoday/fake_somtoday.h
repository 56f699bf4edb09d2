// Starts tests/fakes/somtoday/fake_somtoday.py for one test and talks to its test controls
// (/_control, /_stats, /_school) through the host's own HTTP client.
#pragma once

#include "support/fake_controls.h"
#include "support/process.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace lobsync::test {

class FakeSomtoday {
 public:
  static constexpr const char* kOrganisation = "0b0e3c1a-4f5e-4d7a-9c1b-2a3b4c5d6e7f";
  static constexpr const char* kClientId = "lobsync-test";
  static constexpr const char* kClientSecret = "s3cr3t-Somtoday!";

  explicit FakeSomtoday(int students = 40, int vestigingen = 1)
      : process_(Process::start({python(), (source_dir() / "tests/fakes/somtoday/fake_somtoday.py").string(),
                                 "--students", std::to_string(students), "--vestigingen",
                                 std::to_string(vestigingen)})) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    controls_.set_base("http://127.0.0.1:" + line.substr(10));
  }

  std::string api_url() const { return controls_.base() + "/rest/v1"; }
  std::string token_url() const { return controls_.base() + "/oauth2/token"; }

  void control(const nlohmann::json& doc) const { controls_.control(doc); }
  nlohmann::json stats() const { return controls_.stats(); }
  nlohmann::json school() const { return controls_.get_json("/_school"); }

 private:
  Process process_;
  FakeControls controls_{"fake somtoday"};
};

}  // namespace lobsync::test
