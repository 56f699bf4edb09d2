#include "core/open_files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

#include <sys/resource.h>

namespace lobsync {
namespace {

std::size_t as_size(rlim_t value) {
  return value == RLIM_INFINITY ? SIZE_MAX : static_cast<std::size_t>(value);
}

}  // namespace

std::size_t open_files_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return SIZE_MAX;
  return as_size(limit.rlim_cur);
}

std::string raise_open_files_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return fmt::format("cannot read the open files limit: {}", std::strerror(errno));
  if (limit.rlim_cur == limit.rlim_max) return {};
  const auto before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return fmt::format("cannot raise the open files limit from {}: {}", before, std::strerror(errno));
  }
  return fmt::format("open files limit raised from {} to {}", before, limit.rlim_max);
}

}  // namespace lobsync
