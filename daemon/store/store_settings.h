// Where the store lives: the config file's "store" object (config::StoreSettings names this).
#pragma once

#include <filesystem>
#include <string>

namespace lobsync::store {

struct StoreSettings {
  std::string driver = "sqlite";
  std::filesystem::path path = "/var/lib/lobsync/lobsync.db";
};

}  // namespace lobsync::store
