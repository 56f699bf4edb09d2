// Small URL helpers: the plugin builds Somtoday URLs and form bodies itself, and refuses plain
// http except to the loopback interface (where the tests' fake server lives).
#pragma once

#include <string>
#include <string_view>

namespace somtoday {

// Percent-encodes everything outside RFC 3986's unreserved set (form bodies, query values and
// path segments alike).
std::string url_encode(std::string_view text);

// Empty when `url` is acceptable as an API base: https, or http to 127.0.0.1 / localhost /
// [::1]. Otherwise the reason, without echoing anything secret (URLs hold no secrets here).
std::string check_base_url(std::string_view url);

// `url` plus one query parameter, with '?' or '&' as needed.
std::string with_query(std::string url, std::string_view name, std::string_view value);

}  // namespace somtoday
