// Collects what the process writes to stderr (where the host logs) while the object lives, for
// tests that check what is and is not logged.
#pragma once

#include "support/test_env.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace lobsync::test {

class StderrCapture {
 public:
  explicit StderrCapture(const std::filesystem::path& file) : file_(file) {
    std::fflush(stderr);
    saved_ = ::dup(2);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
  }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  ~StderrCapture() {
    if (saved_ >= 0) finish();
  }

  // Restores stderr and returns everything written meanwhile.
  std::string finish() {
    std::fflush(stderr);
    ::dup2(saved_, 2);
    ::close(saved_);
    saved_ = -1;
    return read_file(file_);
  }

 private:
  std::filesystem::path file_;
  int saved_ = -1;
};

}  // namespace lobsync::test
