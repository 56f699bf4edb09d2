// microsoft365: one Microsoft 365 tenant through Microsoft Graph v1.0 with the app's own token
// (client credentials): a mailer that hands the host's finished MIME message to sendMail, a busy
// source that reads the mentors' free/busy with getSchedule, and (with calendar_writes) a
// calendar writer that keeps the mentor's copy of each meeting as an event in their calendar.
#include "calendar_writer.hpp"
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
        schedules_(graph_, settings_), calendar_(graph_, settings_) {}

  static const lobsync::sdk::settings::Declaration& settings() { return microsoft365::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation == "mail.send") return mail_.send(request, out);
    if (operation == "busy.read") return schedules_.read(request, out);
    if (operation == "calendar.put") return calendar_.put(request, out);
    if (operation == "calendar.delete") return calendar_.remove(request, out);
    throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
  }

  json health() override {
    return {{"ok", true}, {"mailbox", settings_.mailbox}, {"graph_url", settings_.graph_url},
            {"calendar_writes", settings_.calendar_writes}};
  }

 private:
  microsoft365::Settings settings_;
  microsoft365::GraphClient graph_;
  microsoft365::MailSender mail_;
  microsoft365::ScheduleReader schedules_;
  microsoft365::CalendarWriter calendar_;
};

}  // namespace

LOBSYNC_PLUGIN(Microsoft365, "microsoft365", "1.0.0",
               "Microsoft 365 through Microsoft Graph: sends mail (sendMail, MIME), reads free/busy (getSchedule) "
               "and writes the mentors' copies as calendar events",
               LOBSYNC_CAP_MAILER | LOBSYNC_CAP_BUSY_SOURCE | LOBSYNC_CAP_CALENDAR_WRITER)
