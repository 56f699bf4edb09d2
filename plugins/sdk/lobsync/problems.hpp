// The two ways a plugin says something is wrong: an Error with the status code the host should
// see, and the settings Problems that validate_config reports (JSON pointers relative to the
// settings). Apart from plugin_sdk.hpp so the settings engine can use them without the host API.
#pragma once

#include <lobsync/plugin_abi.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace lobsync::sdk {

// An error with the status code the host should see.
class Error : public std::runtime_error {
 public:
  Error(lobsync_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  lobsync_status status() const noexcept { return status_; }

 private:
  lobsync_status status_;
};

// Settings problems found by validate(); paths are JSON pointers relative to the settings.
class Problems {
 public:
  void add(std::string path, std::string message) {
    items_.push_back({std::move(path), std::move(message)});
  }
  struct Item {
    std::string path;
    std::string message;
  };
  const std::vector<Item>& items() const noexcept { return items_; }
  bool empty() const noexcept { return items_.empty(); }

  // For a plugin's create(): settings that fail validation refuse the instance, every problem
  // named ("invalid settings: /port: …;").
  void throw_if_any() const {
    if (items_.empty()) return;
    std::string message = "invalid settings:";
    for (const auto& p : items_) message += " " + p.path + ": " + p.message + ";";
    throw Error(LOBSYNC_E_CONFIG, message);
  }

 private:
  std::vector<Item> items_;
};

}  // namespace lobsync::sdk
