// A busy source for the planning tests: answers busy.read with each line of a JSON-lines file
// (as written, so tests can send broken documents), or fails when told to.
#include <lobsync/plugin_sdk.hpp>

#include <fstream>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class BusyLines final : public lobsync::sdk::Plugin {
 public:
  BusyLines(lobsync::sdk::Host&, const json& settings)
      : file_(settings.value("file", std::string())), fail_(settings.value("fail", false)) {}

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "busy.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    if (fail_) throw Error(LOBSYNC_E_UNAVAILABLE, "timetable server unreachable");
    if (!request.contains("from") || !request.contains("to") || !request.contains("people"))
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "busy.read needs from, to and people");
    if (file_.empty()) return;
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto doc = json::parse(line, nullptr, false);
      out.emit(doc.is_discarded() ? json(line) : doc);
    }
  }

 private:
  std::string file_;
  bool fail_;
};

}  // namespace

LOBSYNC_PLUGIN(BusyLines, PLUGIN_NAME, "1.0.0", "Busy times from a JSON-lines file (tests only)", LOBSYNC_CAP_BUSY_SOURCE)
