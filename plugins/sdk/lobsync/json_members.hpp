// Reading one member of a JSON object that comes from outside (a vendor's answer, a stored
// record): a member of another type than expected is treated as missing, because json::get
// would throw and one odd member must not stop the read of the rest. And writing a text member
// only when it says something.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace lobsync::sdk {

// The member's text, or "" when the member is missing or not a string (or `object` is no object:
// find() then finds nothing).
inline std::string string_member(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Sets `object[key]` to `value` unless `value` is empty: documents leave out empty texts.
inline void put_nonempty(nlohmann::json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

}  // namespace lobsync::sdk
