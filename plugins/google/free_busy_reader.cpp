#include "free_busy_reader.hpp"

#include <lobsync/ascii.hpp>
#include <lobsync/dates.hpp>
#include <lobsync/vendor_answers.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace google {

namespace {

using lobsync::sdk::ascii_lower;
using lobsync::sdk::UtcSeconds;
using nlohmann::json;

// RFC 3339 as Google writes it ("2026-12-07T08:30:00Z", with fractions or an offset when asked
// in another zone); a time without a zone is read as UTC, the zone the query asks for.
std::optional<UtcSeconds> instant_of(const json& interval, const char* key) {
  const auto it = interval.find(key);
  if (it == interval.end() || !it->is_string()) return std::nullopt;
  static const date::time_zone* utc = date::locate_zone("UTC");
  return lobsync::sdk::parse_instant(it->get<std::string>(), utc).instant;
}

std::string reasons_of(const json& errors) {
  std::string out;
  for (const auto& e : errors) {
    if (!e.is_object()) continue;
    const auto reason = e.find("reason");
    if (reason == e.end() || !reason->is_string() || reason->get<std::string>().empty()) continue;
    if (!out.empty()) out += ", ";
    out += reason->get<std::string>();
    if (out.size() > 200) break;
  }
  return lobsync::sdk::quote_vendor_text(out.empty() ? "no reason given" : out, 200);
}

}  // namespace

std::vector<json> free_busy_documents(const json& calendar, const std::string& person, UtcSeconds from, UtcSeconds to) {
  std::vector<json> out;
  if (!calendar.is_object()) {
    out.push_back({{"person", person}, {"error", "Google's freeBusy answer for this person is not an object"}});
    return out;
  }
  if (auto errors = calendar.find("errors"); errors != calendar.end() && errors->is_array() && !errors->empty()) {
    const std::string why = reasons_of(*errors);
    std::string error = "Google Calendar cannot read this person's free/busy (" + why + ")";
    if (why.find("notFound") != std::string::npos) {
      error += ": no such calendar in the domain, or its free/busy is not visible to the LOB mailbox";
    }
    out.push_back({{"person", person}, {"error", error}});
    return out;
  }
  const auto busy = calendar.find("busy");
  if (busy == calendar.end() || !busy->is_array()) return out;
  for (const auto& interval : *busy) {
    const auto start = interval.is_object() ? instant_of(interval, "start") : std::nullopt;
    const auto end = interval.is_object() ? instant_of(interval, "end") : std::nullopt;
    if (auto doc = lobsync::sdk::busy_document(person, start, end, from, to, "a busy interval")) out.push_back(std::move(*doc));
  }
  return out;
}

void FreeBusyReader::read(const json& request, lobsync::sdk::Emitter& out) {
  const auto busy = lobsync::sdk::parse_busy_request(request);
  const Settings& settings = google_.settings();
  // Google answers per calendar id as asked; two host ids may share one address.
  std::map<std::string, std::vector<std::string>> by_email;
  std::vector<std::string> emails;
  for (const auto& p : busy.people) {
    if (p.email.empty()) {
      out.emit({{"person", p.id}, {"error", "no e-mail address: Google's free/busy is asked by address"}});
      continue;
    }
    const std::string key = ascii_lower(p.email);
    if (by_email[key].empty()) emails.push_back(p.email);
    by_email[key].push_back(p.id);
  }
  const std::string url = settings.calendar_url + "/calendar/v3/freeBusy";
  for (std::size_t first = 0; first < emails.size(); first += kCalendarsPerQuery) {
    const auto last = std::min(emails.size(), first + kCalendarsPerQuery);
    json items = json::array();
    for (std::size_t i = first; i < last; ++i) items.push_back({{"id", emails[i]}});
    for (UtcSeconds from = busy.from; from < busy.to;) {
      const UtcSeconds to = std::min(busy.to, from + date::days(kDaysPerQuery));
      const json body{{"timeMin", lobsync::sdk::format_utc_instant(from)},
                      {"timeMax", lobsync::sdk::format_utc_instant(to)},
                      {"timeZone", "UTC"},
                      {"items", items}};
      const auto response = google_.call("POST", url, "application/json", body.dump(), kFreeBusyScope, settings.mailbox);
      const std::string what = "freeBusy for " + std::to_string(items.size()) + " people";
      if (response.status != 200) google_.fail(response, what, kFreeBusyScope, settings.mailbox);
      const json doc = json::parse(response.body, nullptr, false);
      const json* calendars = doc.is_object() && doc.contains("calendars") && doc["calendars"].is_object() ? &doc["calendars"] : nullptr;
      if (calendars == nullptr) throw lobsync::sdk::Error(LOBSYNC_E_UNAVAILABLE, what + " answered without calendars");
      std::map<std::string, bool> answered;
      for (const auto& [id, calendar] : calendars->items()) {
        const std::string key = ascii_lower(id);
        const auto who = by_email.find(key);
        if (who == by_email.end() || answered[key]) continue;
        answered[key] = true;
        for (const auto& person : who->second) {
          for (const auto& d : free_busy_documents(calendar, person, from, to)) out.emit(d);
        }
      }
      for (std::size_t i = first; i < last; ++i) {
        const std::string key = ascii_lower(emails[i]);
        if (answered[key]) continue;
        for (const auto& person : by_email[key]) out.emit({{"person", person}, {"error", "freeBusy did not answer for this person"}});
      }
      from = to;
    }
  }
}

}  // namespace google
