// The plugin ABI's request document <-> HttpRequest; plugins are not trusted to send
// well-formed documents, so every field is checked and a bad one is named.
#include "net/http_client.h"
#include "net/request_check.h"

#include <nlohmann/json.hpp>

namespace lobsync::net {

namespace {

// Upper bounds that keep a plugin from tying up a worker thread for hours.
constexpr std::int64_t max_timeout_ms = 10 * 60 * 1000;
constexpr int max_attempts_limit = 10;

std::optional<HttpRequest> fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return std::nullopt;
}

}  // namespace

std::optional<HttpRequest> request_from_json(const nlohmann::json& j, std::string body,
                                             std::string* error) {
  if (!j.is_object()) return fail(error, "request: must be a JSON object");
  HttpRequest r;
  r.body = std::move(body);
  for (const auto& [key, value] : j.items()) {
    if (key == "method") {
      if (!value.is_string()) return fail(error, "method: must be a string");
      r.method = value.get<std::string>();
    } else if (key == "url") {
      if (!value.is_string()) return fail(error, "url: must be a string");
      r.url = value.get<std::string>();
    } else if (key == "headers") {
      if (!value.is_object()) return fail(error, "headers: must be an object of strings");
      for (const auto& [name, v] : value.items()) {
        if (!v.is_string()) return fail(error, "headers." + name + ": must be a string");
        r.headers.emplace_back(name, v.get<std::string>());
      }
    } else if (key == "timeout_ms") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > max_timeout_ms) {
        return fail(error, "timeout_ms: must be an integer from 1 to " + std::to_string(max_timeout_ms));
      }
      r.timeout = std::chrono::milliseconds(value.get<std::int64_t>());
    } else if (key == "max_attempts") {
      if (!value.is_number_integer() || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > max_attempts_limit) {
        return fail(error, "max_attempts: must be an integer from 1 to " + std::to_string(max_attempts_limit));
      }
      r.max_attempts = value.get<int>();
    } else if (key == "retry_on") {
      if (!value.is_array()) return fail(error, "retry_on: must be an array of HTTP statuses");
      r.retry_on.clear();
      for (const auto& s : value) {
        if (!s.is_number_integer() || s.get<std::int64_t>() < 100 || s.get<std::int64_t>() > 599) {
          return fail(error, "retry_on: must be an array of HTTP statuses (100-599)");
        }
        r.retry_on.push_back(s.get<int>());
      }
    } else {
      // Unknown fields are refused: a typo such as "max_attempt" would otherwise pass silently.
      return fail(error, key + ": unknown field");
    }
  }
  if (!j.contains("url")) return fail(error, "url: missing");
  if (auto problem = check_request(r)) return fail(error, *problem);
  return r;
}

nlohmann::json headers_to_json(const std::map<std::string, std::string>& headers) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, value] : headers) j[name] = value;
  return j;
}

}  // namespace lobsync::net
