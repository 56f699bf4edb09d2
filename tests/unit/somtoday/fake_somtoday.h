// Starts tests/fakes/somtoday/fake_somtoday.py for one test and talks to its test controls
// (/_control, /_stats, /_school) through the host's own HTTP client.
#pragma once

#include "net/http_client.h"
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
    base_ = "http://127.0.0.1:" + line.substr(10);
  }

  std::string api_url() const { return base_ + "/rest/v1"; }
  std::string token_url() const { return base_ + "/oauth2/token"; }

  void control(const nlohmann::json& doc) const { request("POST", "/_control", doc.dump()); }
  nlohmann::json stats() const { return nlohmann::json::parse(request("GET", "/_stats", {})); }
  nlohmann::json school() const { return nlohmann::json::parse(request("GET", "/_school", {})); }

 private:
  std::string request(const std::string& method, const std::string& path, const std::string& body) const {
    net::HttpRequest r;
    r.method = method;
    r.url = base_ + path;
    r.body = body;
    r.max_attempts = 1;
    if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
    auto response = client_.perform(r);
    if (response.status != 200) throw std::runtime_error("fake somtoday " + path + ": " + response.error);
    return response.body;
  }

  Process process_;
  std::string base_;
  net::HttpClient client_;
};

}  // namespace lobsync::test
