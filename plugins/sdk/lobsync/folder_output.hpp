// Small helpers for plugins that write their output as files a person can open: safe file
// names and atomic writes (a reader never sees half a file, a crash leaves no partial one).
// The files hold minors' personal data, so whatever these helpers create is private to the
// daemon's user whatever the umask (outside systemd it is often 022 or 000): files 0600,
// folders 0700. Folders that exist already keep their mode: the administrator chose it (a share
// for a dossier folder, say).
#pragma once

#include <lobsync/plugin_sdk.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lobsync::sdk {

// Keeps [A-Za-z0-9._@-] and replaces everything else, so an id can never leave its folder.
inline std::string safe_file_name(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '@' || c == '-';
    out += keep ? c : '_';
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

// Creates `folder` and its missing parents, each new one 0700; false with errno set on failure.
inline bool create_private_folders(const std::filesystem::path& folder) {
  std::filesystem::path prefix;
  for (const auto& part : folder) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0700) == 0) {
      if (::chmod(prefix.c_str(), 0700) != 0) return false;  // mkdir's mode passes the umask
      continue;
    }
    const int error = errno;
    struct stat st {};
    if (::stat(prefix.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) continue;  // already there
    errno = error == EEXIST ? ENOTDIR : error;
    return false;
  }
  return true;
}

// Writes `content` to `file` (mode 0600) through a temporary file and rename(2).
inline void write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  if (!create_private_folders(file.parent_path())) {
    throw Error(LOBSYNC_E_UNAVAILABLE, "cannot create folder " + file.parent_path().string() + ": " + std::strerror(errno));
  }
  static std::atomic<unsigned> written{0};  // one name per write, also for two threads
  const auto temp = file.parent_path() / ("." + file.filename().string() + ".tmp" + std::to_string(::getpid()) + "-" +
                                          std::to_string(written++));
  const auto fail = [&](const std::string& what) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw Error(LOBSYNC_E_UNAVAILABLE, what + ": " + reason);
  };
  // O_EXCL after removing a stale one (a crashed process with this pid): never write through a
  // link someone planted.
  ::unlink(temp.c_str());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) fail("cannot write " + temp.string());
  bool ok = ::fchmod(fd, 0600) == 0;  // open's mode passes the umask too
  for (std::size_t done = 0; ok && done < content.size();) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  const int error = errno;
  ::close(fd);
  errno = error;
  if (!ok) fail("cannot write " + temp.string());
  if (::rename(temp.c_str(), file.c_str()) != 0) fail("cannot move file into place: " + file.string());
}

// Creates the plugin's output folder at start, so a wrong path fails as a config error then.
inline std::filesystem::path ensure_folder(const std::filesystem::path& folder, std::string_view what) {
  if (!create_private_folders(folder)) {
    throw Error(LOBSYNC_E_CONFIG, "cannot create " + std::string(what) + " " + folder.string() + ": " + std::strerror(errno));
  }
  return folder;
}

// The "folder" setting of a plugin that writes files, declared once.
inline settings::Setting output_folder_setting(std::string what_goes_there) {
  return settings::path("folder", settings::PathUse::output_folder)
      .required()
      .describe(std::move(what_goes_there) + "; created (mode 0700) when missing; relative to the daemon's working directory");
}

}  // namespace lobsync::sdk
