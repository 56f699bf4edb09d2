#include "http/connection_limit.h"

#include "core/log.h"

#include <fmt/format.h>

namespace lobsync::http {

std::size_t connection_budget(std::size_t configured, std::size_t open_files_limit) {
  const std::size_t room = open_files_limit > kFilesKeptFree * 2 ? open_files_limit - kFilesKeptFree : open_files_limit / 2;
  if (configured <= room) return configured;
  log::write(log::Level::warn, "http",
             fmt::format("http.max_connections is {} but the open files limit is {}; holding at most {} connections "
                         "(raise LimitNOFILE= in the service unit)",
                         configured, open_files_limit, room));
  return room;
}

std::optional<std::string> ShedLog::count(Action action, std::size_t limit, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  ++(action == Action::closed_idle ? closed_idle_ : refused_);
  if (last_line_ && now - *last_line_ < interval_) return std::nullopt;
  const bool first = !last_line_;
  last_line_ = now;
  auto line = fmt::format("connection limit of {} reached: {} idle connection(s) closed, {} new one(s) refused {}",
                          limit, closed_idle_, refused_,
                          first ? fmt::format("(more are counted and reported at most every {} s)", interval_.count())
                                : "since the last report");
  closed_idle_ = refused_ = 0;
  return line;
}

}  // namespace lobsync::http
