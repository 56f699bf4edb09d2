// A move-only owner of one dlopen handle.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace lobsync::plugin_host {

class SharedLibrary {
 public:
  // Opens with RTLD_NOW | RTLD_LOCAL so unresolved symbols fail here, at load time, and one
  // plugin's symbols never leak into another's. On failure returns null and sets `error`.
  static std::unique_ptr<SharedLibrary> open(const std::filesystem::path& path, std::string& error);
  ~SharedLibrary();
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // Looks up a symbol; null (with `error` set from dlerror) when missing.
  void* symbol(const char* name, std::string& error) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  SharedLibrary(void* handle, std::filesystem::path path) : handle_(handle), path_(std::move(path)) {}
  void* handle_;
  std::filesystem::path path_;
};

}  // namespace lobsync::plugin_host
