// One HTTP response as handlers build it. The server adds framing (Content-Length, Connection)
// and the headers every response carries (X-Content-Type-Options, Server, and Cache-Control:
// no-store unless the handler set a Cache-Control of its own).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <utility>
#include <vector>

namespace lobsync::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Location

  static Response json(int status, const nlohmann::json& body);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  static Response error(int status, std::string message);  // {"error": message}
};

}  // namespace lobsync::http
