// How many connections the HTTP server holds at once, and the log of shedding load. Kept apart
// from server.cpp (Beast is slow to compile) and testable without sockets.
//
// At the limit a new connection takes the place of the oldest idle one (a connection waiting for
// a request: a keep-alive connection between requests, or one that has sent nothing yet); when
// every connection is busy with a request, the new one is closed at once. Either way /healthz
// keeps answering while one client holds many idle connections, and the log gets one line per
// minute at most, not one per connection.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace lobsync::http {

// Files the rest of the daemon may need while the server is full (the store, plugin modules,
// outgoing HTTP and SMTP connections).
inline constexpr std::size_t kFilesKeptFree = 64;

// `configured`, or less when the open files limit leaves less room (then logs a warning).
std::size_t connection_budget(std::size_t configured, std::size_t open_files_limit);

// Counts shed connections and says when to log them: the first at once, then at most one line per
// `interval` with what happened since the last line.
class ShedLog {
 public:
  explicit ShedLog(std::chrono::seconds interval = std::chrono::seconds(60)) : interval_(interval) {}

  enum class Action { closed_idle, refused };
  // Counts one; returns the log line when one is due.
  std::optional<std::string> count(Action action, std::size_t limit, std::chrono::steady_clock::time_point now);

 private:
  std::mutex mutex_;
  std::chrono::seconds interval_;
  std::optional<std::chrono::steady_clock::time_point> last_line_;
  std::uint64_t closed_idle_ = 0, refused_ = 0;
};

}  // namespace lobsync::http
