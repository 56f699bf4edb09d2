// Runs the real lobsync binary: one-shot commands, and `serve` as a background daemon whose
// HTTP port is read from its log.
#pragma once

#include "support/http_test_client.h"
#include "support/process.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <string>
#include <vector>

namespace lobsync::test {

inline RunResult lobsync(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv{binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, std::chrono::seconds(60), env);
}

// A config in a scratch folder: store inside it, plugins from the build, HTTP on a free port.
inline nlohmann::json base_config(const ScratchDir& dir) {
  return {{"store", {{"path", (dir / "state/lobsync.db").string()}}},
          {"plugin_dirs", {plugin_dir().string()}},
          {"http", {{"address", "127.0.0.1"}, {"port", 0}, {"shutdown_grace_seconds", 5}}},
          {"plugins", {{"mail", {{"plugin", "mail-folder"}, {"folder", (dir / "mail").string()}}}}}};
}

inline std::string write_config(const ScratchDir& dir, const nlohmann::json& config, const std::string& name = "lobsync.json") {
  const auto file = dir / name;
  write_file(file, config.dump(2));
  return file.string();
}

class Daemon {
 public:
  explicit Daemon(const std::string& config_file, const std::filesystem::path& program = binary())
      : process_(Process::start({program.string(), "serve", "--config", config_file})) {
    const auto line = process_.wait_for_stderr_line(
        [](const std::string& l) { return l.find("listening on http://127.0.0.1:") != std::string::npos; },
        std::chrono::seconds(30));
    port_ = std::stoi(line.substr(line.rfind(':') + 1));
  }

  http::test::CurlResult get(const std::string& path) const {
    return http::test::curl_request("http://127.0.0.1:" + std::to_string(port_) + path);
  }
  Process& process() { return process_; }
  int port() const { return port_; }

 private:
  Process process_;
  int port_ = 0;
};

}  // namespace lobsync::test
