// A delivery sink for the outbox tests, with the mailer, calendar-writer and dossier
// capabilities. Every delivery is appended to a file as one JSON line {key, operation, pid, time}
// and fsynced before the call returns OK, so a test can count deliveries even across SIGKILL.
// The request steers it:
//   "idempotency_key": the key written to the line (required)
//   "fail": "unavailable" | "permanent" | "auth"   fail with that status...
//   "fail_times": n     ...only for the first n attempts (counted in a file: survives restarts)
//   "fail_while": name  fail with "unavailable" while <state_dir>/<name> exists (a server that is
//                       away until the test removes the file)
//   "delay_ms": n       sleep before delivering, so kills land mid-run
//   "signal": name, "await": name   create <state_dir>/<signal>, then wait for <state_dir>/<await>:
//                       two channels that only both succeed when they run at the same time
#include <lobsync/folder_output.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;
namespace fs = std::filesystem;

lobsync_status status_named(const std::string& name) {
  if (name == "unavailable") return LOBSYNC_E_UNAVAILABLE;
  if (name == "permanent") return LOBSYNC_E_PERMANENT;
  if (name == "auth") return LOBSYNC_E_AUTH;
  throw Error(LOBSYNC_E_INVALID_ARGUMENT, "unknown fail mode '" + name + "'");
}

class TestSink final : public lobsync::sdk::Plugin {
 public:
  TestSink(lobsync::sdk::Host& host, const json& settings)
      : host_(host),
        file_(settings.at("file").get<std::string>()),
        state_dir_(settings.value("state_dir", (file_.parent_path() / "sink-state").string())) {
    fs::create_directories(state_dir_);
  }

  static void validate(const json& settings, lobsync::sdk::Problems& problems) {
    if (!settings.contains("file") || !settings["file"].is_string()) problems.add("/file", "missing: the deliveries file");
  }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "mail.send" && operation != "calendar.put" && operation != "calendar.delete" &&
        operation != "dossier.push") {
      throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    }
    const auto key = request.at("idempotency_key").get<std::string>();
    if (request.contains("delay_ms")) std::this_thread::sleep_for(std::chrono::milliseconds(request["delay_ms"].get<int>()));
    if (request.contains("signal")) meet(request.at("signal").get<std::string>(), request.at("await").get<std::string>());
    if (request.contains("fail")) fail_if_due(key, request);
    if (request.contains("fail_while") &&
        fs::exists(state_dir_ / lobsync::sdk::safe_file_name(request["fail_while"].get<std::string>()))) {
      throw Error(LOBSYNC_E_UNAVAILABLE, "the server is away");
    }
    // What arrived of a mail: the host builds an invitation kept as its recipe before the call.
    const auto message = request.find("message");
    const long message_size =
        message != request.end() && message->is_string() ? static_cast<long>(message->get_ref<const std::string&>().size()) : -1;
    append(json{{"key", key},
                {"operation", operation},
                {"pid", ::getpid()},
                {"time", host_.now_unix_ms()},
                {"message_size", message_size},
                {"recipe_left_in", request.contains("invitation")}}
               .dump() +
           "\n");
    out.emit({{"delivered", key}});
  }

 private:
  void meet(const std::string& signal, const std::string& await) {
    std::ofstream(state_dir_ / lobsync::sdk::safe_file_name(signal)) << "here\n";
    const auto other = state_dir_ / lobsync::sdk::safe_file_name(await);
    // A deadlock guard, not a timing check: serial delivery never meets, however long it waits.
    for (int i = 0; i < 1000 && !fs::exists(other); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!fs::exists(other)) throw Error(LOBSYNC_E_UNAVAILABLE, "nobody arrived at " + await);
  }

  void fail_if_due(const std::string& key, const json& request) {
    const auto status = status_named(request.at("fail").get<std::string>());
    const auto counter = state_dir_ / (lobsync::sdk::safe_file_name(key) + ".failures");
    int failed = 0;
    std::ifstream(counter) >> failed;
    if (request.contains("fail_times") && failed >= request["fail_times"].get<int>()) return;
    std::ofstream(counter, std::ios::trunc) << failed + 1 << "\n";
    throw Error(status, "simulated " + request["fail"].get<std::string>() + " failure " + std::to_string(failed + 1));
  }

  void append(const std::string& line) {
    const int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot open " + file_.string());
    // One write: O_APPEND keeps lines whole when several processes or instances append.
    const auto written = ::write(fd, line.data(), line.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (written != static_cast<ssize_t>(line.size()) || !synced) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot append to " + file_.string());
  }

  lobsync::sdk::Host& host_;
  fs::path file_;
  fs::path state_dir_;
};

}  // namespace

LOBSYNC_PLUGIN(TestSink, PLUGIN_NAME, "1.0.0", "Appends every delivery to a file (tests)",
               LOBSYNC_CAP_MAILER | LOBSYNC_CAP_CALENDAR_WRITER | LOBSYNC_CAP_DOSSIER_SINK)
