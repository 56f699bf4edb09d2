// A host API table for testing SDK code that talks to the host without loading a plugin: a
// settable clock, secrets from a map, scripted HTTP answers (every request recorded) and the
// log lines kept.
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace lobsync::test {

class StubHost {
 public:
  struct Answer {
    int status = 200;
    std::string body;
  };

  StubHost() {
    api_.struct_size = sizeof api_;
    api_.abi_minor = LOBSYNC_ABI_MINOR;
    api_.log = [](lobsync_host_ctx* ctx, lobsync_log_level, const char* m, size_t n) { self(ctx).logs.emplace_back(m, n); };
    api_.set_error = [](lobsync_host_ctx*, const char*, size_t) {};
    api_.now_unix_ms = [](lobsync_host_ctx* ctx) { return self(ctx).now_ms; };
    api_.secret = [](lobsync_host_ctx* ctx, const char* ref, size_t size, lobsync_emit_fn out, void* user) {
      const auto it = self(ctx).secrets.find(nlohmann::json::parse(ref, ref + size).dump());
      if (it == self(ctx).secrets.end()) return LOBSYNC_E_CONFIG;
      out(user, it->second.data(), it->second.size());
      return LOBSYNC_OK;
    };
    api_.http_request = [](lobsync_host_ctx* ctx, const char* request, size_t request_size, const char* body,
                           size_t body_size, lobsync_http_done_fn done, void* user) {
      auto& host = self(ctx);
      host.requests.push_back(nlohmann::json::parse(request, request + request_size));
      host.bodies.emplace_back(body == nullptr ? "" : std::string(body, body_size));
      Answer answer{0, ""};
      if (!host.answers.empty()) {
        answer = host.answers.front();
        host.answers.pop_front();
      }
      const std::string headers = "{}";
      lobsync_http_response r{sizeof(lobsync_http_response), answer.status, headers.data(), headers.size(),
                              answer.body.data(), answer.body.size(), answer.status == 0 ? "connection refused" : nullptr};
      done(user, &r);
      return LOBSYNC_OK;
    };
  }
  StubHost(const StubHost&) = delete;
  StubHost& operator=(const StubHost&) = delete;

  sdk::Host host() { return sdk::Host(&api_, reinterpret_cast<lobsync_host_ctx*>(this)); }

  std::int64_t now_ms = 1'800'000'000'000;
  std::map<std::string, std::string> secrets;  // the reference's JSON text → the value
  std::deque<Answer> answers;                  // none left: no response (status 0)
  std::vector<nlohmann::json> requests;
  std::vector<std::string> bodies;
  std::vector<std::string> logs;

 private:
  static StubHost& self(lobsync_host_ctx* ctx) { return *reinterpret_cast<StubHost*>(ctx); }
  lobsync_host_api api_{};
};

}  // namespace lobsync::test
