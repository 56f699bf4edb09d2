#include "http/router.h"

#include "core/sha256.h"

#include <fmt/format.h>

#include <set>
#include <stdexcept>

namespace lobsync::http {

std::vector<std::string_view> Router::split(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.empty() || path == "/") return parts;
  path.remove_prefix(1);  // the leading '/'
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument(fmt::format("route pattern '{}' must start with '/'", pattern));
  }
  Route route{std::move(method), std::move(pattern), {}, std::move(handler)};
  for (const auto part : split(route.pattern)) {
    Segment segment{std::string(part), false};
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segment.text = std::string(part.substr(1, part.size() - 2));
      segment.param = true;
      if (segment.text.empty()) {
        throw std::invalid_argument(fmt::format("route pattern '{}' has an empty {{}}", route.pattern));
      }
    }
    route.segments.push_back(std::move(segment));
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::logic_error(fmt::format("route {} {} registered twice", route.method, route.pattern));
    }
  }
  routes_.push_back(std::move(route));
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& parts) {
  if (route.segments.size() != parts.size()) return false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& segment = route.segments[i];
    if (segment.param ? parts[i].empty() : segment.text != parts[i]) return false;
  }
  return true;
}

bool Router::more_specific(const Route& a, const Route& b) {
  for (std::size_t i = 0; i < a.segments.size() && i < b.segments.size(); ++i) {
    if (a.segments[i].param != b.segments[i].param) return !a.segments[i].param;
  }
  return false;
}

Response Router::dispatch(Request& request) const {
  const auto parts = split(request.path);
  const bool head = request.method == "HEAD";
  const Route* best = nullptr;
  std::set<std::string> allowed;
  for (const auto& route : routes_) {
    if (!matches(route, parts)) continue;
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
    const bool usable = route.method == request.method || (head && route.method == "GET");
    // An explicit HEAD route beats serving HEAD from GET.
    const bool better = best == nullptr || more_specific(route, *best) ||
                        (!more_specific(*best, route) && route.method == request.method &&
                         best->method != request.method);
    if (usable && better) best = &route;
  }
  if (allowed.empty()) return Response::error(404, "not found");
  if (best == nullptr) {
    auto response = Response::error(405, "method not allowed");
    response.headers.emplace_back("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
    return response;
  }

  request.params.clear();
  request.route = best->pattern;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (best->segments[i].param) request.params[best->segments[i].text] = std::string(parts[i]);
  }
  Response response = best->handler(request);
  if (head && best->method == "GET") {
    // The server cannot measure a body that is gone, so the router hands it the length.
    response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
    response.body.clear();
  }
  return response;
}

const Router::Route* Router::best_match(const std::vector<std::string_view>& parts) const {
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (matches(route, parts) && (best == nullptr || more_specific(route, *best))) best = &route;
  }
  return best;
}

bool Router::is_literal_at(std::size_t index, std::string_view part) const {
  for (const auto& route : routes_) {
    if (index < route.segments.size() && !route.segments[index].param && route.segments[index].text == part) return true;
  }
  return false;
}

Router::LoggedPath Router::loggable(std::string_view path) const {
  if (path.empty()) return {"-", ""};
  const auto parts = split(path);
  const Route* route = best_match(parts);
  LoggedPath out;
  std::string hidden;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const bool keep = route ? !route->segments[i].param : is_literal_at(i, parts[i]);
    if (!keep) hidden += (hidden.empty() ? "" : "/") + std::string(parts[i]);
    if (!route) out.shown += "/" + (keep ? std::string(parts[i]) : std::string("{?}"));
  }
  if (route) out.shown = route->pattern;
  if (out.shown.empty()) out.shown = "/";
  if (!hidden.empty()) out.ref = sha256_hex(hidden).substr(0, 8);
  return out;
}

}  // namespace lobsync::http
