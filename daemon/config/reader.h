// Reading typed values out of the config's JSON while collecting problems with their JSON
// pointers. Shared by the readers of each config section (load.cpp, planning_load.cpp).
#pragma once

#include "config/config.h"
#include "config/json_pointer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::config {

// What a level key must be (domain::kLevels), said the same way wherever the config names levels.
inline constexpr const char* kNotALevel = "must be a level: vmbo-bb, vmbo-kb, vmbo-gl, vmbo-tl, havo, vwo, isk, pro, other";

inline const char* type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::number_float: return "a decimal number";
    default: return "a number";
  }
}

// Collects problems while reading typed values out of JSON objects, and warnings: things that
// still load but should be changed (a deprecated key).
class Reader {
 public:
  explicit Reader(std::vector<Problem>& problems) : problems_(problems) {}
  Reader(std::vector<Problem>& problems, std::vector<Problem>& warnings) : problems_(problems), warnings_(&warnings) {}

  void problem(std::string path, std::string message) {
    problems_.push_back({std::move(path), std::move(message)});
  }

  void warning(std::string path, std::string message) {
    if (warnings_ != nullptr) warnings_->push_back({std::move(path), std::move(message)});
  }

  bool expect_object(const nlohmann::json& v, const std::string& path) {
    if (v.is_object()) return true;
    problem(path, std::string("must be an object, not ") + type_name(v));
    return false;
  }

  void reject_unknown(const nlohmann::json& obj, const std::string& path,
                      std::initializer_list<std::string_view> known) {
    for (const auto& [key, _] : obj.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        std::string list;
        for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        problem(pointer(path, key), "unknown key (known here: " + list + ")");
      }
    }
  }

  void string(const nlohmann::json& obj, const std::string& path, const char* key, std::string& out) {
    if (!obj.contains(key)) return;
    const auto& v = obj[key];
    if (v.is_string()) out = v.get<std::string>();
    else problem(pointer(path, key), std::string("must be a string, not ") + type_name(v));
  }

  void boolean(const nlohmann::json& obj, const std::string& path, const char* key, bool& out) {
    if (!obj.contains(key)) return;
    const auto& v = obj[key];
    if (v.is_boolean()) out = v.get<bool>();
    else problem(pointer(path, key), std::string("must be true or false, not ") + type_name(v));
  }

  template <class Int>
  void integer(const nlohmann::json& obj, const std::string& path, const char* key, Int& out, long long min,
               long long max) {
    if (!obj.contains(key)) return;
    const auto& v = obj[key];
    if (!v.is_number_integer()) {
      problem(pointer(path, key), std::string("must be a whole number, not ") + type_name(v));
      return;
    }
    const auto n = v.get<long long>();
    if (n < min || n > max) {
      problem(pointer(path, key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
      return;
    }
    out = static_cast<Int>(n);
  }

 private:
  std::vector<Problem>& problems_;
  std::vector<Problem>* warnings_ = nullptr;
};

}  // namespace lobsync::config
