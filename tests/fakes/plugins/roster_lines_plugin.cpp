// A roster source for the sync tests: emits each line of a JSON-lines file as one document,
// exactly as written (so tests can send broken records too), and can fail part-way.
#include <lobsync/plugin_sdk.hpp>

#include <fstream>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class RosterLines final : public lobsync::sdk::Plugin {
 public:
  RosterLines(lobsync::sdk::Host&, const json& settings)
      : file_(settings.at("file").get<std::string>()), fail_after_(settings.value("fail_after", -1)) {}

  void call(std::string_view operation, const json&, lobsync::sdk::Emitter& out) override {
    if (operation != "roster.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    std::ifstream in(file_);
    if (!in) throw Error(LOBSYNC_E_UNAVAILABLE, "cannot read " + file_);
    std::string line;
    int emitted = 0;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      if (emitted == fail_after_) throw Error(LOBSYNC_E_UNAVAILABLE, "connection lost after " + std::to_string(emitted) + " records");
      auto doc = json::parse(line, nullptr, false);
      // Not JSON: pass the raw text on as a string document so the host sees garbage.
      out.emit(doc.is_discarded() ? json(line) : doc);
      ++emitted;
    }
  }

 private:
  std::string file_;
  int fail_after_;
};

}  // namespace

LOBSYNC_PLUGIN(RosterLines, PLUGIN_NAME, "1.0.0", "Roster from a JSON-lines file (tests)", LOBSYNC_CAP_ROSTER_SOURCE)
