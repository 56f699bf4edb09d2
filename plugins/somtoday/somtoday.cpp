// somtoday: a roster source for Somtoday Connect, the vendor's partner REST API (OAuth2 client
// credentials, paged JSON per vestiging). Maps leerlingen, ouders/verzorgers, medewerkers,
// stamgroepen and mentors to roster records, and reads mentors' lessons from lesgroep roosters
// as busy times; see README.md for the mapping and its guesses.
#include "busy_reader.hpp"
#include "connect_client.hpp"
#include "roster_reader.hpp"
#include "settings.hpp"

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Somtoday final : public lobsync::sdk::Plugin {
 public:
  Somtoday(lobsync::sdk::Host& host, const json& settings)
      : host_(host), settings_(somtoday::parse_settings(settings)), client_(host_, settings_) {}

  static const lobsync::sdk::settings::Declaration& settings() { return somtoday::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    // The client (and its token) lives as long as the instance, so nightly runs reuse a token
    // that is still valid.
    if (operation == "busy.read") {
      somtoday::read_busy(client_, settings_, host_, request, out);
      return;
    }
    if (operation != "roster.read") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    if (request.contains("mode") && request["mode"] != "full") {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT, "only mode \"full\" is supported");
    }
    somtoday::read_roster(client_, settings_, host_, out);
  }

 private:
  lobsync::sdk::Host& host_;
  somtoday::Settings settings_;
  somtoday::ConnectClient client_;
};

}  // namespace

LOBSYNC_PLUGIN(Somtoday, "somtoday", "1.1.0",
               "Reads the roster and mentors' lessons from Somtoday Connect (REST, OAuth2)",
               LOBSYNC_CAP_ROSTER_SOURCE | LOBSYNC_CAP_BUSY_SOURCE)
