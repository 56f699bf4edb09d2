#include "store/sqlite/private_file.h"

#include "store/store.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lobsync::store::sqlite {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view what, const std::filesystem::path& where,
                       int error) {
  throw StoreError(
      fmt::format("cannot create database {}: {} {}: {}", file.string(), what, where.string(), std::strerror(error)));
}

void create_folders(const std::filesystem::path& file, const std::filesystem::path& folder) {
  std::filesystem::path prefix;
  for (const auto& part : folder) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0700) == 0) continue;  // made by us, so private
    const int error = errno;
    struct stat st {};
    if (::stat(prefix.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) continue;  // already there
    fail(file, "cannot create folder", prefix, error == EEXIST ? ENOTDIR : error);
  }
}

}  // namespace

void create_private_file(const std::filesystem::path& file) {
  if (file.has_parent_path()) create_folders(file, file.parent_path());
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  if (errno != EEXIST) fail(file, "cannot create file", file, errno);
}

}  // namespace lobsync::store::sqlite
