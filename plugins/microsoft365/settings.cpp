#include "settings.hpp"

#include <lobsync/oauth2_settings.hpp>

namespace microsoft365 {

namespace {

using namespace lobsync::sdk::settings;
using lobsync::sdk::Problems;

std::string mailbox_check(const nlohmann::json& value) {
  const auto& text = value.get_ref<const std::string&>();
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size() || text.find_first_of(" \t\r\n/?#<>") != std::string::npos) {
    return "must be the mailbox's address (user principal name), e.g. lob-planner@school.example";
  }
  return {};
}

std::vector<Setting> declared() {
  auto out = lobsync::sdk::oauth2::microsoft_settings(true);
  out.push_back(text("mailbox").required().check(mailbox_check)
                    .describe("the mailbox that sends (mail.send) and in whose name free/busy is asked (busy.read)"));
  out.push_back(url("graph_url").without_query().default_to(kDefaultGraphUrl)
                    .describe("Microsoft Graph, version included"));
  out.push_back(boolean("check_sent_items").default_to(true)
                    .describe("before sending, look in the mailbox's Sent Items for the message's Message-ID, so a "
                              "send whose answer was lost is not sent again; needs the Mail.ReadBasic.All permission"));
  out.push_back(boolean("calendar_writes").default_to(false)
                    .describe("calendar.put and calendar.delete: the mentor's copy as an event in the mentor's own "
                              "calendar (list the instance in planning.calendars); needs the Calendars.ReadWrite "
                              "permission"));
  out.push_back(text("participants_label").default_to("Deelnemers")
                    .describe("heads the list of participants in the event's text (the event itself has no "
                              "attendees, so Outlook sends no invitations)"));
  out.push_back(integer("timeout_seconds").range(5, 600).default_to(60).describe("per HTTP attempt"));
  return out;
}

void credentials(const Values& values, Problems& problems) {
  lobsync::sdk::oauth2::check_microsoft_credentials(values, problems, true);
}

}  // namespace

const Declaration& declared_settings() {
  static const Declaration declaration{declared(), {credentials}};
  return declaration;
}

Settings parse_settings(const nlohmann::json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.mailbox = values.text("mailbox");
  out.graph_url = values.text("graph_url");
  while (!out.graph_url.empty() && out.graph_url.back() == '/') out.graph_url.pop_back();
  out.check_sent_items = values.boolean("check_sent_items");
  out.calendar_writes = values.boolean("calendar_writes");
  out.participants_label = values.text("participants_label");
  out.timeout_seconds = values.integer("timeout_seconds");
  out.raw = s;
  return out;
}

}  // namespace microsoft365
