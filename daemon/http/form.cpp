#include "http/form.h"

#include "http/target.h"

#include <algorithm>
#include <cctype>

namespace lobsync::http {

std::optional<std::map<std::string, std::string>> parse_form(std::string_view body) {
  std::map<std::string, std::string> fields;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const auto pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto name = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name || !value || name->empty()) return std::nullopt;
    if (name->find('\0') != std::string::npos || value->find('\0') != std::string::npos) return std::nullopt;
    fields.try_emplace(std::move(*name), std::move(*value));
  }
  return fields;
}

bool is_form(const Request& request) {
  const auto it = request.headers.find("content-type");
  if (it == request.headers.end()) return false;
  std::string type = it->second.substr(0, it->second.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type == "application/x-www-form-urlencoded";
}

}  // namespace lobsync::http
