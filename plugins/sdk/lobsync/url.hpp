// URL helpers for plugins that build their vendor's URLs and form bodies themselves, and that
// refuse plain http except to the loopback interface (where the tests' fake servers live).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace lobsync::sdk {

// Percent-encodes everything outside RFC 3986's unreserved set (form bodies, query values and
// path segments alike).
// Empty from check_base_url when `url` is acceptable as an API base: https, or http to
// 127.0.0.1 / localhost / [::1]; otherwise the reason, without echoing the URL.
// with_query appends one query parameter, with '?' or '&' as needed.
inline std::string url_encode(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    }
  }
  return out;
}

inline std::string check_base_url(std::string_view url) {
  std::string_view rest;
  bool https = false;
  if (url.starts_with("https://")) {
    https = true;
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return "must be an https:// URL";
  }
  const auto end = rest.find_first_of("/?#");
  const std::string_view authority = rest.substr(0, end);
  // User info in the URL would be a credential outside the secret store.
  if (authority.find('@') != std::string_view::npos) return "must not contain user info";
  std::string_view host = authority;
  if (host.starts_with("[")) {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty() || host == "[") return "has no host";
  if (https) return {};
  // Plain http only where nothing leaves the machine: the tests' fake servers.
  static constexpr std::array<std::string_view, 3> loopback{"127.0.0.1", "localhost", "[::1]"};
  for (auto name : loopback) {
    if (host == name) return {};
  }
  return "must be https:// (http:// is allowed only for 127.0.0.1, localhost and [::1])";
}

// check_base_url for an address that may also be plain http to any host when the administrator
// allowed it (`allow_plaintext`, e.g. a server on the same trusted network segment); the
// refusal of plain http then says how to allow it.
inline std::string check_url_allowing_plaintext(std::string_view url, bool allow_plaintext) {
  // The rest of the rules (a host, no user info) hold for plain http as they do for https.
  if (allow_plaintext && url.starts_with("http://")) return check_base_url("https://" + std::string(url.substr(7)));
  auto why = check_base_url(url);
  if (why.starts_with("must be https://")) why += ", or set allow_plaintext";
  return why;
}

inline std::string with_query(std::string url, std::string_view name, std::string_view value) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += name;
  url += '=';
  url += url_encode(value);
  return url;
}

// Replaces every occurrence of `secret`, raw or percent-encoded (as it travels in URLs and form
// bodies), with `mark`: for messages that quote what a server sent back.
inline void redact_secret(std::string& text, std::string_view secret, std::string_view mark) {
  if (secret.empty()) return;
  for (const std::string& form : {std::string(secret), url_encode(secret)}) {
    for (auto at = text.find(form); at != std::string::npos; at = text.find(form, at + mark.size())) {
      text.replace(at, form.size(), mark);
    }
  }
}

}  // namespace lobsync::sdk
