#include "plugin_host/shared_library.h"

#include <dlfcn.h>

namespace lobsync::plugin_host {

std::unique_ptr<SharedLibrary> SharedLibrary::open(const std::filesystem::path& path, std::string& error) {
  dlerror();  // clear a stale message so the one we report is ours
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* message = dlerror();
    error = message != nullptr ? message : "dlopen failed";
    return nullptr;
  }
  return std::unique_ptr<SharedLibrary>(new SharedLibrary(handle, path));
}

SharedLibrary::~SharedLibrary() {
  // Plugins may leave static or thread_local destructors behind; closing at process exit is
  // the safe moment for that, so only the daemon's last owner closes.
  if (handle_ != nullptr) dlclose(handle_);
}

void* SharedLibrary::symbol(const char* name, std::string& error) const {
  dlerror();
  void* address = dlsym(handle_, name);
  if (address == nullptr) {
    const char* message = dlerror();
    error = message != nullptr ? message : std::string("symbol ") + name + " is null";
  }
  return address;
}

}  // namespace lobsync::plugin_host
