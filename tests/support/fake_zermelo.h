// Starts tests/fakes/zermelo/fake_zermelo.py for one test and talks to its test controls
// (/_control, /_stats, /_appointments) through the host's own HTTP client.
#pragma once

#include "net/http_client.h"
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
    base_ = "http://127.0.0.1:" + line.substr(10);
  }

  const std::string& portal_url() const { return base_; }

  void control(const nlohmann::json& doc) const { request("POST", "/_control", doc.dump()); }
  // Every appointments request the fake received: {"user","teachers","start","end","fields","auth"}.
  nlohmann::json requests() const { return nlohmann::json::parse(request("GET", "/_stats", {}))["requests"]; }
  // Every appointment (all versions) naming the teacher.
  nlohmann::json appointments_of(const std::string& teacher) const {
    return nlohmann::json::parse(request("GET", "/_appointments?teacher=" + teacher, {}));
  }

 private:
  std::string request(const std::string& method, const std::string& path, const std::string& body) const {
    net::HttpRequest r;
    r.method = method;
    r.url = base_ + path;
    r.body = body;
    r.max_attempts = 1;
    if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
    auto response = client_.perform(r);
    if (response.status != 200) throw std::runtime_error("fake zermelo " + path + ": " + response.error);
    return response.body;
  }

  Process process_;
  std::string base_;
  net::HttpClient client_;
};

}  // namespace lobsync::test
