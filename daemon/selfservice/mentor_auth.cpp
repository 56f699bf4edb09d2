#include "selfservice/mentor_auth.h"

#include "records/api_token.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lobsync::selfservice {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> bearer_token(const http::Request& request) {
  const auto it = request.headers.find("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (it == request.headers.end()) return std::nullopt;
  const std::string_view value = it->second;
  if (value.size() <= kScheme.size() || !equal_ignoring_case(value.substr(0, kScheme.size()), kScheme)) return std::nullopt;
  return value.substr(kScheme.size());
}

std::optional<std::string> mentor_of_request(store::Store& store, const http::Request& request) {
  const auto token = bearer_token(request);
  if (!token) return std::nullopt;
  return store.records().api_token_staff(records::api_token_hash(*token));
}

http::Response unauthorized() {
  auto r = http::Response::error(401, "a valid bearer token is required (lobsync tokens issue)");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"lobsync\"");
  return r;
}

}  // namespace lobsync::selfservice
