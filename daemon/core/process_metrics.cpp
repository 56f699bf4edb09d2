#include "core/process_metrics.h"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace lobsync::metrics {
namespace {

// Fields of /proc/self/stat after the command name (which may hold spaces and parentheses).
std::optional<std::vector<std::string>> self_stat_fields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(line.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;
}

// The boot time in seconds since the epoch (the "btime" line of /proc/stat).
std::optional<double> boot_time() {
  std::ifstream in("/proc/stat");
  for (std::string key; in >> key;) {
    if (key == "btime") {
      double value = 0;
      if (in >> value) return value;
      return std::nullopt;
    }
    in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
  }
  return std::nullopt;
}

std::optional<double> open_fds() {
  std::error_code ec;
  double count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++count;
  if (ec) return std::nullopt;
  return count - 1;  // the iterator's own handle on the folder
}

}  // namespace

void publish_process_metrics(Registry& m) {
  m.describe("process_cpu_seconds_total", "Total user and system CPU time spent in seconds", Type::counter);
  m.describe("process_resident_memory_bytes", "Resident memory size in bytes", Type::gauge);
  m.describe("process_virtual_memory_bytes", "Virtual memory size in bytes", Type::gauge);
  m.describe("process_open_fds", "Number of open file descriptors", Type::gauge);
  m.describe("process_max_fds", "Maximum number of open file descriptors", Type::gauge);
  m.describe("process_start_time_seconds", "Start time of the process since unix epoch in seconds", Type::gauge);

  if (rusage usage{}; ::getrusage(RUSAGE_SELF, &usage) == 0) {
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    // A counter only grows: set it through the difference from what it holds.
    const double total = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    const double before = m.value("process_cpu_seconds_total");
    if (total > before) m.inc("process_cpu_seconds_total", {}, total - before);
  }
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  if (const auto fields = self_stat_fields(); fields && fields->size() > 21) try {
    // After the name: state is field 3 of proc(5)'s stat, so stat field N is fields[N - 3].
    m.set("process_virtual_memory_bytes", {}, std::stod((*fields)[23 - 3]));
    m.set("process_resident_memory_bytes", {}, std::stod((*fields)[24 - 3]) * page);
    if (const auto boot = boot_time(); boot && ticks > 0)
      m.set("process_start_time_seconds", {}, *boot + std::stod((*fields)[22 - 3]) / ticks);
  } catch (const std::exception&) {
    // A kernel that writes something else there: those gauges are left out.
  }
  if (const auto fds = open_fds()) m.set("process_open_fds", {}, *fds);
  if (rlimit limit{}; ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    m.set("process_max_fds", {}, static_cast<double>(limit.rlim_cur));
}

}  // namespace lobsync::metrics
