// Maps method + path to a handler. Patterns are literal segments and {name} segments, e.g.
// "/api/v1/meetings/{id}/record"; a {name} segment matches any one non-empty segment. When
// several patterns match, the one with a literal segment earliest wins ("/meetings/today" beats
// "/meetings/{id}"). Matching is exact otherwise: "/health/" is not "/health".
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::http {

using Handler = std::function<Response(const Request&)>;

class Router {
 public:
  // Throws std::invalid_argument for a pattern that does not start with '/' or has an empty
  // {} name, and std::logic_error when method + pattern is already registered.
  void add(std::string method, std::string pattern, Handler handler);

  // Fills request.params and calls the handler. 404 for an unknown path; 405 with an Allow
  // header for a known path with another method; HEAD runs the GET handler and drops the body,
  // keeping its length in a Content-Length header for the server. Handler exceptions propagate.
  Response dispatch(Request& request) const;

  // What the access log may show for a decoded path, never a signed link: `shown` is the pattern
  // of the route the path matches (whatever the method), else the path with every segment that
  // no route has as a literal at that place replaced by "{?}" ("-" for an empty path); `ref` is
  // the first 8 hex digits of the SHA-256 of the segments left out, joined by '/' (for
  // "/p/{token}" the token's), so the lines about one link can be found; empty when none is.
  struct LoggedPath {
    std::string shown;
    std::string ref;
  };
  LoggedPath loggable(std::string_view path) const;

 private:
  struct Segment {
    std::string text;
    bool param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };

  static std::vector<std::string_view> split(std::string_view path);
  static bool matches(const Route& route, const std::vector<std::string_view>& parts);
  static bool more_specific(const Route& a, const Route& b);
  const Route* best_match(const std::vector<std::string_view>& parts) const;
  bool is_literal_at(std::size_t index, std::string_view part) const;

  std::vector<Route> routes_;
};

}  // namespace lobsync::http
