// application/x-www-form-urlencoded bodies (HTML forms), decoded with the same rules as a query.
#pragma once

#include "http/request.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lobsync::http {

// The fields of a form body: '+' is a space, %XX escapes are decoded, the first occurrence of a
// name wins. nullopt for a malformed escape, a NUL byte or a field without a name.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);

// Whether the request says its body is a urlencoded form (parameters such as charset allowed).
bool is_form(const Request& request);

}  // namespace lobsync::http
