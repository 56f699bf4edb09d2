// Settings as read: each declared key's value as given, or its default. Getters never throw on
// a value of the wrong type (rules between settings run on settings that may still be wrong):
// they fall back to the default, so read through parse() for settings known to be right.
#pragma once

#include <lobsync/settings_check.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lobsync::sdk::settings {

class Values {
 public:
  Values(const std::vector<Setting>& declared, nlohmann::json settings)
      : declared_(&declared), settings_(std::move(settings)) {}

  // Whether the administrator wrote the key (whatever its value).
  bool given(std::string_view key) const { return settings_.is_object() && settings_.contains(std::string(key)); }

  // The value as given or the default; null when neither.
  const nlohmann::json& raw(std::string_view key) const {
    static const nlohmann::json none;
    if (given(key)) return settings_.at(std::string(key));
    const Setting* s = find(key);
    return s != nullptr ? s->default_value : none;
  }

  // A string, path or time zone, in its allowed spelling; "" when absent without a default.
  std::string text(std::string_view key) const {
    const Setting* s = find(key);
    const nlohmann::json& v = pick(key, [](const nlohmann::json& j) { return j.is_string(); });
    if (!v.is_string()) return {};
    return s != nullptr ? detail::canonical(*s, v.get<std::string>()) : v.get<std::string>();
  }
  // A setting that null switches off: nullopt for null (or absent with no default).
  std::optional<std::string> text_or_null(std::string_view key) const {
    const nlohmann::json& v = pick(key, [](const nlohmann::json& j) { return j.is_string() || j.is_null(); });
    if (!v.is_string()) return std::nullopt;
    return text(key);
  }
  std::filesystem::path path(std::string_view key) const { return text(key); }

  template <class Int = int>
  Int integer(std::string_view key) const {
    const nlohmann::json& v = pick(key, [](const nlohmann::json& j) { return j.is_number_integer(); });
    return v.is_number_integer() ? v.get<Int>() : Int{};
  }
  bool boolean(std::string_view key) const {
    const nlohmann::json& v = pick(key, [](const nlohmann::json& j) { return j.is_boolean(); });
    return v.is_boolean() && v.get<bool>();
  }
  // A list of strings; the strings of a list that also holds other values.
  std::vector<std::string> texts(std::string_view key) const {
    std::vector<std::string> out;
    const nlohmann::json& v = pick(key, [](const nlohmann::json& j) { return j.is_array(); });
    if (!v.is_array()) return out;
    for (const auto& item : v) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
  }

  const nlohmann::json& settings() const { return settings_; }

 private:
  const Setting* find(std::string_view key) const {
    for (const auto& s : *declared_) {
      if (s.key == key) return &s;
    }
    return nullptr;
  }
  // The given value when `fits`, else the default.
  template <class Fits>
  const nlohmann::json& pick(std::string_view key, Fits fits) const {
    static const nlohmann::json none;
    if (given(key) && fits(settings_.at(std::string(key)))) return settings_.at(std::string(key));
    const Setting* s = find(key);
    return s != nullptr ? s->default_value : none;
  }

  const std::vector<Setting>* declared_;
  nlohmann::json settings_;
};

}  // namespace lobsync::sdk::settings
