#include "support/process.h"

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace lobsync::test {

namespace {

std::string errno_text(int err) { return std::strerror(err); }

std::string join(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

// The test's environment with extra_env layered on top, as "NAME=value" strings.
std::vector<std::string> merged_env(const std::map<std::string, std::string>& extra_env) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [name, value] : extra_env) vars[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) out.push_back(name + "=" + value);
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

struct Process::State {
  std::vector<std::string> argv;
  pid_t pid = -1;
  int out_fd = -1;
  int err_fd = -1;
  int wake_read = -1;  // written to by the destructor to stop the reader thread
  int wake_write = -1;

  std::mutex mutex;
  std::condition_variable changed;
  struct Stream {
    std::string data;
    std::size_t consumed = 0;  // bytes already handed out as lines
    bool eof = false;
  } out, err;
  std::optional<int> exit_code;
  std::thread reader;

  // Reads both pipes until both end or the destructor wakes us.
  void read_loop() {
    int fds[2] = {out_fd, err_fd};
    Stream* streams[2] = {&out, &err};
    char buf[65536];
    while (fds[0] >= 0 || fds[1] >= 0) {
      pollfd p[3] = {{fds[0], POLLIN, 0}, {fds[1], POLLIN, 0}, {wake_read, POLLIN, 0}};
      if (::poll(p, 3, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (p[2].revents != 0) break;
      for (int i = 0; i < 2; ++i) {
        if (fds[i] < 0 || p[i].revents == 0) continue;
        ssize_t n = ::read(fds[i], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        std::lock_guard lock(mutex);
        if (n > 0) {
          streams[i]->data.append(buf, static_cast<std::size_t>(n));
        } else {
          streams[i]->eof = true;
          fds[i] = -1;
        }
        changed.notify_all();
      }
    }
    std::lock_guard lock(mutex);
    out.eof = err.eof = true;
    changed.notify_all();
  }

  std::string describe_output() const {
    return "\n--- stdout ---\n" + out.data + "\n--- stderr ---\n" + err.data;
  }

  std::string wait_for_line(Stream& s, const char* name,
                            const std::function<bool(const std::string&)>& match,
                            std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mutex);
    for (;;) {
      // Hand out complete lines; at end of stream the unterminated tail counts as a line too.
      for (;;) {
        auto nl = s.data.find('\n', s.consumed);
        if (nl == std::string::npos && !(s.eof && s.consumed < s.data.size())) break;
        auto end = nl == std::string::npos ? s.data.size() : nl;
        std::string line = s.data.substr(s.consumed, end - s.consumed);
        s.consumed = nl == std::string::npos ? end : nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (match(line)) return line;
      }
      if (s.eof) {
        throw std::runtime_error(std::string("no matching line on ") + name + " of '" + join(argv) +
                                 "' before it ended" + describe_output());
      }
      if (changed.wait_until(lock, deadline) == std::cv_status::timeout) {
        throw std::runtime_error(std::string("no matching line on ") + name + " of '" + join(argv) +
                                 "' within " + std::to_string(timeout.count()) + " ms" +
                                 describe_output());
      }
    }
  }

  ~State() {
    if (pid > 0 && !exit_code) {
      // The group id stays reserved until the unreaped leader is gone, so this cannot hit
      // an unrelated group.
      ::kill(-pid, SIGKILL);
      int status = 0;
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    if (reader.joinable()) {
      // Grandchildren outside the group may still hold the pipes open; do not wait for them.
      char byte = 0;
      (void)!::write(wake_write, &byte, 1);
      reader.join();
    }
    for (int fd : {out_fd, err_fd, wake_read, wake_write}) {
      if (fd >= 0) ::close(fd);
    }
  }
};

Process::Process(std::unique_ptr<State> state) : state_(std::move(state)) {}
Process::Process(Process&&) noexcept = default;
Process& Process::operator=(Process&&) noexcept = default;
Process::~Process() = default;

Process Process::start(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& extra_env) {
  if (argv.empty()) throw std::invalid_argument("Process::start: empty argv");
  auto state = std::make_unique<State>();
  state->argv = argv;

  // Close-on-exec everywhere, so concurrently started children never inherit each other's
  // pipes; the dup2 below gives the child its own copies without the flag.
  int out_pipe[2], err_pipe[2], wake_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(wake_pipe, O_CLOEXEC) != 0) {
    throw std::runtime_error("pipe2: " + errno_text(errno));
  }
  state->out_fd = out_pipe[0];
  state->err_fd = err_pipe[0];
  state->wake_read = wake_pipe[0];
  state->wake_write = wake_pipe[1];

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);

  // Own process group (so the destructor can kill servers' helpers too), no blocked signals
  // and default dispositions, whatever the test runner set for itself.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none, defaults;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attr, &defaults);

  std::vector<std::string> args = argv;
  std::vector<std::string> env = merged_env(extra_env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, c_args[0], &actions, &attr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (rc != 0) throw std::runtime_error("cannot start '" + join(argv) + "': " + errno_text(rc));

  state->pid = pid;
  state->reader = std::thread([s = state.get()] { s->read_loop(); });
  return Process(std::move(state));
}

pid_t Process::pid() const { return state_->pid; }

std::string Process::wait_for_stdout_line(const std::function<bool(const std::string&)>& match,
                                          std::chrono::milliseconds timeout) {
  return state_->wait_for_line(state_->out, "stdout", match, timeout);
}

std::string Process::wait_for_stderr_line(const std::function<bool(const std::string&)>& match,
                                          std::chrono::milliseconds timeout) {
  return state_->wait_for_line(state_->err, "stderr", match, timeout);
}

void Process::signal(int sig) {
  std::lock_guard lock(state_->mutex);
  // After reaping, the pid may belong to someone else.
  if (!state_->exit_code) ::kill(state_->pid, sig);
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->exit_code) return state_->exit_code;
  }
  // Polling waitpid keeps this simple; the reader thread drains the pipes meanwhile.
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(state_->pid, &status, WNOHANG);
    if (r == state_->pid) {
      std::unique_lock lock(state_->mutex);
      state_->exit_code = decode_status(status);
      state_->changed.wait_for(lock, std::chrono::seconds(5), [&] { return state_->out.eof && state_->err.eof; });
      return state_->exit_code;
    }
    if (r < 0 && errno != EINTR) throw std::runtime_error("waitpid: " + errno_text(errno));
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

std::string Process::drained_stdout() {
  std::lock_guard lock(state_->mutex);
  return state_->out.data;
}

std::string Process::drained_stderr() {
  std::lock_guard lock(state_->mutex);
  return state_->err.data;
}

RunResult run(const std::vector<std::string>& argv, std::chrono::seconds timeout,
              const std::map<std::string, std::string>& extra_env) {
  Process p = Process::start(argv, extra_env);
  auto code = p.wait(timeout);
  if (!code) {
    std::string what = "'" + join(argv) + "' did not finish within " + std::to_string(timeout.count()) +
                       " s and was killed\n--- stdout ---\n" + p.drained_stdout() +
                       "\n--- stderr ---\n" + p.drained_stderr();
    throw std::runtime_error(what);  // p's destructor kills the group
  }
  return RunResult{*code, p.drained_stdout(), p.drained_stderr()};
}

}  // namespace lobsync::test
