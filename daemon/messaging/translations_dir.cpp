#include "messaging/translations.h"

#include <system_error>

#ifndef LOBSYNC_DEFAULT_TRANSLATIONS_DIR
#error "LOBSYNC_DEFAULT_TRANSLATIONS_DIR is set by daemon/messaging/CMakeLists.txt"
#endif

namespace lobsync::messaging {

std::filesystem::path find_translations_dir(const std::filesystem::path& exe_dir) {
  std::error_code ec;
  for (const auto& candidate : {exe_dir / ".." / "share" / "lobsync" / "translations",
                                exe_dir / "share" / "lobsync" / "translations"}) {
    if (std::filesystem::is_directory(candidate, ec)) return candidate.lexically_normal();
  }
  return LOBSYNC_DEFAULT_TRANSLATIONS_DIR;
}

std::filesystem::path default_translations_dir() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return LOBSYNC_DEFAULT_TRANSLATIONS_DIR;
  return find_translations_dir(exe.parent_path());
}

const Translations& shipped_translations() {
  static const auto shipped = Translations::load(default_translations_dir());
  return shipped;
}

}  // namespace lobsync::messaging
