// Starts tests/fakes/zermelo/fake_zermelo.py for one test and talks to its test controls
// (/_control, /_stats, /_appointments) through the host's own HTTP client.
#pragma once

#include "support/fake_controls.h"
#include "support/process.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace lobsync::test {

class FakeZermelo {
 public:
  static constexpr const char* kToken = "zermelo-test-token";

  FakeZermelo()
      : process_(Process::start({python(), (source_dir() / "tests/fakes/zermelo/fake_zermelo.py").string(), "--token",
                                 kToken})) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    controls_.set_base("http://127.0.0.1:" + line.substr(10));
  }

  const std::string& portal_url() const { return controls_.base(); }

  void control(const nlohmann::json& doc) const { controls_.control(doc); }
  // Every appointments request the fake received: {"user","teachers","start","end","fields","auth"}.
  nlohmann::json requests() const { return controls_.stats()["requests"]; }
  // Every appointment (all versions) naming the teacher.
  nlohmann::json appointments_of(const std::string& teacher) const {
    return controls_.get_json("/_appointments?teacher=" + teacher);
  }

 private:
  Process process_;
  FakeControls controls_{"fake zermelo"};
};

}  // namespace lobsync::test
