// Where a test finds the built binary, plugins, fakes and a private scratch folder.
#pragma once

#include <filesystem>
#include <string>

namespace lobsync::test {

// A test setting (see tests/CMakeLists.txt): the environment's value, else the build's; fails
// the test binary loudly for an unknown name, because a silent default would test the wrong thing.
std::string env(const char* name);

std::filesystem::path binary();           // the lobsync executable
std::filesystem::path plugin_dir();       // in-tree plugins as built
std::filesystem::path bad_plugin_dir();   // deliberately broken plugins
std::filesystem::path source_dir();       // the repository
std::string python();                     // Debian's python3

// A fresh, empty folder under the system temp dir, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes text to a file, creating parent folders.
void write_file(const std::filesystem::path& file, const std::string& text);
// The same, readable by the owner only (0600): what the daemon demands of a secret file.
void write_secret_file(const std::filesystem::path& file, const std::string& text);
std::string read_file(const std::filesystem::path& file);

}  // namespace lobsync::test
