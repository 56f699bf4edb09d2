// microsoft365: one Microsoft 365 tenant through Microsoft Graph v1.0 with the app's own token
// (client credentials): a mailer that hands the host's finished MIME message to sendMail, and a
// busy source that reads the mentors' free/busy with getSchedule.
#include "graph_client.hpp"
#include "mail_sender.hpp"
#include "schedule_reader.hpp"
#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Microsoft365 final : public lobsync::sdk::Plugin {
 public:
  Microsoft365(lobsync::sdk::Host& host, const json& raw)
      : settings_(microsoft365::parse_settings(raw)), graph_(host, settings_), mail_(graph_, settings_),
        schedules_(graph_, settings_) {}

  static const lobsync::sdk::settings::Declaration& settings() { return microsoft365::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation == "mail.send") return mail_.send(request, out);
    if (operation == "busy.read") return schedules_.read(request, out);
    throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
  }

  json health() override { return {{"ok", true}, {"mailbox", settings_.mailbox}, {"graph_url", settings_.graph_url}}; }

 private:
  microsoft365::Settings settings_;
  microsoft365::GraphClient graph_;
  microsoft365::MailSender mail_;
  microsoft365::ScheduleReader schedules_;
};

}  // namespace

LOBSYNC_PLUGIN(Microsoft365, "microsoft365", "1.0.0",
               "Microsoft 365 through Microsoft Graph: sends mail (sendMail, MIME) and reads free/busy (getSchedule)",
               LOBSYNC_CAP_MAILER | LOBSYNC_CAP_BUSY_SOURCE)
