#include "support/test_env.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace lobsync::test {

namespace {

// The build's value unless the environment overrides it.
std::string setting(const char* name, const char* built_in) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : built_in;
}

}  // namespace

std::string env(const char* name) {
  const std::string n(name);
  if (n == "LOBSYNC_BIN") return setting(name, LOBSYNC_BIN);
  if (n == "LOBSYNC_PLUGIN_DIR") return setting(name, LOBSYNC_PLUGIN_DIR);
  if (n == "LOBSYNC_BAD_PLUGIN_DIR") return setting(name, LOBSYNC_BAD_PLUGIN_DIR);
  if (n == "LOBSYNC_TEST_PLUGIN_DIR") return setting(name, LOBSYNC_TEST_PLUGIN_DIR);
  if (n == "LOBSYNC_SOURCE_DIR") return setting(name, LOBSYNC_SOURCE_DIR);
  if (n == "LOBSYNC_PYTHON") return setting(name, LOBSYNC_PYTHON);
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::cerr << "test setting " << name << " is unknown and not in the environment\n";
    std::abort();
  }
  return value;
}

std::filesystem::path binary() { return env("LOBSYNC_BIN"); }
std::filesystem::path plugin_dir() { return env("LOBSYNC_PLUGIN_DIR"); }
std::filesystem::path bad_plugin_dir() { return env("LOBSYNC_BAD_PLUGIN_DIR"); }
std::filesystem::path source_dir() { return env("LOBSYNC_SOURCE_DIR"); }
std::string python() { return env("LOBSYNC_PYTHON"); }

ScratchDir::ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "lobsync-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, const std::string& text) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

void write_secret_file(const std::filesystem::path& file, const std::string& text) {
  write_file(file, text);
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace lobsync::test
