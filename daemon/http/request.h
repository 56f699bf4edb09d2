// One HTTP request as handlers see it: already parsed, decoded and size-checked by the server,
// so handlers never touch Beast.
#pragma once

#include <map>
#include <string>

namespace lobsync::http {

struct Request {
  std::string method;                          // as sent, e.g. "GET"
  std::string target;                          // raw request target; may hold signed tokens, never log it
  std::string path;                            // percent-decoded, without the query
  std::map<std::string, std::string> query;    // percent-decoded; the first occurrence of a key wins
  std::map<std::string, std::string> headers;  // lower-case names; repeated fields joined with ", "
  std::string body;
  std::map<std::string, std::string> params;   // from {name} segments of the matched route
  std::string route;                           // the matched pattern, e.g. "/p/{token}"
  std::string remote_address;
};

}  // namespace lobsync::http
