#include "config/public_url.h"

#include <algorithm>

namespace lobsync::config {
namespace {

bool loopback(const std::string& host) {
  return host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

}  // namespace

std::string check_public_url(std::string& url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  const bool https = url.rfind("https://", 0) == 0;
  const bool http = url.rfind("http://", 0) == 0;
  if (!https && !http) return "must start with https:// (e.g. https://lob.school.example)";
  if (std::any_of(url.begin(), url.end(), [](unsigned char c) {
        return c <= 0x20 || c >= 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\';
      }))
    return "must be a plain URL without spaces, quotes or non-ASCII characters";
  if (url.find_first_of("?#") != std::string::npos) return "must not have a query (?) or fragment (#)";
  const auto rest = url.substr(https ? 8 : 7);
  const auto authority = rest.substr(0, rest.find('/'));
  if (authority.empty() || authority.find('@') != std::string::npos) return "must name a host (and no user name)";
  std::string host = authority;
  if (host.front() == '[') host = host.substr(0, host.find(']') + 1);
  else host = host.substr(0, host.find(':'));
  if (host.empty()) return "must name a host";
  if (http && !loopback(host)) return "must use https:// (parents open these links; plain http only for a loopback host)";
  return "";
}

}  // namespace lobsync::config
