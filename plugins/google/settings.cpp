#include "settings.hpp"

#include <lobsync/oauth2_settings.hpp>

namespace google {

namespace {

using namespace lobsync::sdk::settings;

std::string mailbox_check(const nlohmann::json& value) {
  const auto& text = value.get_ref<const std::string&>();
  const auto at = text.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == text.size() || text.find_first_of(" \t\r\n/?#<>") != std::string::npos) {
    return "must be the mailbox's address in the Workspace domain, e.g. lob-planner@school.example";
  }
  return {};
}

std::string without_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::vector<Setting> declared() {
  auto out = lobsync::sdk::oauth2::google_settings();
  out[0].is_required = true;  // service_account_key: the only way this plugin signs in
  out.push_back(text("mailbox").required().check(mailbox_check)
                    .describe("the Workspace user the service account acts as to send mail (mail.send) and to ask "
                              "free/busy (busy.read); calendar writes act as each mentor"));
  out.push_back(url("calendar_url").without_query().default_to(kDefaultCalendarUrl)
                    .describe("the Google Calendar API's root; calls go to <calendar_url>/calendar/v3/…"));
  out.push_back(url("gmail_url").without_query().default_to(kDefaultGmailUrl)
                    .describe("the Gmail API's root; calls go to <gmail_url>/gmail/v1/… and <gmail_url>/upload/gmail/v1/…"));
  out.push_back(boolean("check_sent_messages").default_to(true)
                    .describe("before sending, search the mailbox for the message's Message-ID (rfc822msgid:), so a "
                              "send whose answer was lost is not sent again; needs the gmail.readonly scope"));
  out.push_back(text("copies_show_as").one_of({"available", "busy"}).default_to("busy")
                    .describe("how the mentor's copies show in free/busy to colleagues; the planner knows its own "
                              "meetings in a free/busy answer by the mentor and the exact time either way"));
  out.push_back(integer("timeout_seconds").range(5, 600).default_to(60).describe("per HTTP attempt"));
  return out;
}

}  // namespace

const Declaration& declared_settings() {
  static const Declaration declaration{declared(), {}};
  return declaration;
}

Settings parse_settings(const nlohmann::json& s) {
  const auto values = parse(declared_settings(), s);
  Settings out;
  out.mailbox = values.text("mailbox");
  out.calendar_url = without_trailing_slash(values.text("calendar_url"));
  out.gmail_url = without_trailing_slash(values.text("gmail_url"));
  out.check_sent_messages = values.boolean("check_sent_messages");
  out.timeout_seconds = values.integer("timeout_seconds");
  out.copies_block_time = values.text("copies_show_as") == "busy";
  out.raw = s;
  return out;
}

}  // namespace google
