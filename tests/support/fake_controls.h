// The test controls the Python fakes serve beside their vendor API (/_control, /_stats, …):
// one plain HTTP request each, one try, through the host's own HTTP client.
#pragma once

#include "net/http_client.h"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace lobsync::test {

class FakeControls {
 public:
  // `name` says which fake failed in an error ("fake zermelo"); `base` is http://127.0.0.1:PORT.
  explicit FakeControls(std::string name, std::string base = {}) : name_(std::move(name)), base_(std::move(base)) {}

  const std::string& base() const { return base_; }
  void set_base(std::string base) { base_ = std::move(base); }

  void control(const nlohmann::json& doc) const { request("POST", "/_control", doc.dump()); }
  nlohmann::json get_json(const std::string& path) const { return nlohmann::json::parse(request("GET", path, {})); }
  nlohmann::json stats() const { return get_json("/_stats"); }

  std::string request(const std::string& method, const std::string& path, const std::string& body) const {
    net::HttpRequest r;
    r.method = method;
    r.url = base_ + path;
    r.body = body;
    r.max_attempts = 1;
    if (!body.empty()) r.headers.emplace_back("Content-Type", "application/json");
    auto response = client_.perform(r);
    if (response.status != 200) throw std::runtime_error(name_ + " " + path + ": " + response.error);
    return response.body;
  }

 private:
  std::string name_, base_;
  net::HttpClient client_;
};

}  // namespace lobsync::test
