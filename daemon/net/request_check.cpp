#include "net/request_check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace lobsync::net {

bool is_allowed_method(std::string_view method) {
  // The plain HTTP verbs plus those WebDAV (RFC 4918) and CalDAV (RFC 4791) calendar writers and
  // busy sources need. CONNECT and TRACE stay refused: a plugin has no use for a tunnel or an echo.
  static constexpr std::array<std::string_view, 12> allowed{
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
      "PROPFIND", "PROPPATCH", "REPORT", "MKCOL", "MKCALENDAR"};
  return std::find(allowed.begin(), allowed.end(), method) != allowed.end();
}

bool has_http_scheme(std::string_view url) {
  auto starts_with_nocase = [&](std::string_view prefix) {
    return url.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), url.begin(),
                      [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
  };
  return starts_with_nocase("http://") || starts_with_nocase("https://");
}

bool is_token(std::string_view s) {
  constexpr std::string_view specials = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           specials.find(c) != std::string_view::npos;
  });
}

bool is_safe_header_value(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::optional<std::string> check_request(const HttpRequest& request) {
  if (!is_allowed_method(request.method)) {
    return "method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, PROPFIND, PROPPATCH, "
           "REPORT, MKCOL, MKCALENDAR";
  }
  if (request.url.empty()) return "url: must not be empty";
  // libcurl would guess a scheme for "host/path"; a plugin must say https (or http) itself.
  if (!has_http_scheme(request.url)) return "url: only http:// and https:// URLs are supported";
  if (!is_safe_header_value(request.url) || request.url.find(' ') != std::string::npos) {
    return "url: must not contain spaces or line breaks";
  }
  for (const auto& [name, value] : request.headers) {
    if (!is_token(name)) return "headers: invalid header name";
    if (!is_safe_header_value(value)) return "headers." + name + ": value contains a line break";
  }
  if (request.timeout.count() <= 0) return "timeout_ms: must be positive";
  if (request.max_attempts < 1) return "max_attempts: must be at least 1";
  return std::nullopt;
}

}  // namespace lobsync::net
