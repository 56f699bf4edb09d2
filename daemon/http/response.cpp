#include "http/response.h"

#include <nlohmann/json.hpp>

namespace lobsync::http {

Response Response::json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Names from a SIS may carry broken UTF-8; replacing it beats a 500 on an otherwise fine page.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response Response::error(int status, std::string message) {
  return json(status, nlohmann::json{{"error", std::move(message)}});
}

}  // namespace lobsync::http
