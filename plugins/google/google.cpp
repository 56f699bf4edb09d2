// google: one Google Workspace domain through Google's REST APIs, as a service account with
// domain-wide delegation: a busy source (Calendar freeBusy, asked as the LOB mailbox), a
// calendar writer (the mentor's own copy of a meeting in the mentor's primary calendar, acting as
// the mentor) and a mailer (Gmail messages.send with the host's finished MIME message, acting as
// the LOB mailbox).
#include "event_writer.hpp"
#include "free_busy_reader.hpp"
#include "google_client.hpp"
#include "mail_sender.hpp"
#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Google final : public lobsync::sdk::Plugin {
 public:
  Google(lobsync::sdk::Host& host, const json& raw)
      : settings_(google::parse_settings(raw)), client_(host, settings_), busy_(client_), events_(client_), mail_(client_) {}

  static const lobsync::sdk::settings::Declaration& settings() { return google::declared_settings(); }

  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation == "busy.read") return busy_.read(request, out);
    if (operation == "calendar.put") return events_.put(request, out);
    if (operation == "calendar.delete") return events_.remove(request, out);
    if (operation == "mail.send") return mail_.send(request, out);
    throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
  }

  json health() override {
    return {{"ok", true}, {"mailbox", settings_.mailbox}, {"calendar_url", settings_.calendar_url}, {"gmail_url", settings_.gmail_url}};
  }

 private:
  google::Settings settings_;
  google::GoogleClient client_;
  google::FreeBusyReader busy_;
  google::EventWriter events_;
  google::MailSender mail_;
};

}  // namespace

LOBSYNC_PLUGIN(Google, "google", "1.0.0",
               "Google Workspace: reads free/busy (Calendar freeBusy), writes the mentor's calendar copy (Calendar "
               "events) and sends mail (Gmail messages.send, MIME), as a service account with domain-wide delegation",
               LOBSYNC_CAP_BUSY_SOURCE | LOBSYNC_CAP_CALENDAR_WRITER | LOBSYNC_CAP_MAILER)
