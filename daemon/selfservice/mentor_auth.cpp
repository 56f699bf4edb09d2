#include "selfservice/mentor_auth.h"

#include "records/api_token.h"

namespace lobsync::selfservice {

std::optional<std::string> mentor_of_bearer(store::Store& store, const http::Request& request) {
  const auto it = request.headers.find("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (it == request.headers.end()) return std::nullopt;
  const std::string_view value = it->second;
  if (value.size() <= kScheme.size() || value.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  return store.records().api_token_staff(records::api_token_hash(value.substr(kScheme.size())));
}

http::Response bearer_required() {
  auto r = http::Response::error(401, "a valid bearer token is required (lobsync tokens issue)");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"lobsync\"");
  return r;
}

}  // namespace lobsync::selfservice
