// Starts tests/fakes/http/fake_http_server.py on a free loopback port for one test.
#pragma once

#include "support/process.h"
#include "support/test_env.h"

#include <string>
#include <vector>

namespace lobsync::test {

class FakeHttpServer {
 public:
  // With cert and key it serves HTTPS.
  explicit FakeHttpServer(const std::string& cert = {}, const std::string& key = {})
      : process_(Process::start(command(cert, key))) {
    const std::string line = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("LISTENING "); }, std::chrono::seconds(30));
    port_ = std::stoi(line.substr(10));
  }

  int port() const { return port_; }
  // e.g. url("/echo") -> "http://127.0.0.1:<port>/echo"
  std::string url(const std::string& path_and_query, const std::string& scheme = "http") const {
    return scheme + "://127.0.0.1:" + std::to_string(port_) + path_and_query;
  }
  Process& process() { return process_; }

 private:
  static std::vector<std::string> command(const std::string& cert, const std::string& key) {
    std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/http/fake_http_server.py").string()};
    if (!cert.empty()) argv.insert(argv.end(), {"--tls", cert, key});
    return argv;
  }

  Process process_;
  int port_ = 0;
};

}  // namespace lobsync::test
