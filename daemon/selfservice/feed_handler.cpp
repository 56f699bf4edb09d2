#include "selfservice/feed_handler.h"

#include "app/services.h"
#include "assignments/assignment_links.h"
#include "assignments/status.h"
#include "core/log.h"
#include "links/key_ring.h"
#include "messaging/icalendar.h"
#include "messaging/translations.h"
#include "planning/invitations.h"

#include <date/tz.h>

#include <stdexcept>

namespace lobsync::selfservice {
namespace {

constexpr std::string_view kSuffix = ".ics";

http::Response not_found() { return http::Response::text(404, "not found\n"); }

// What the mentor needs next to the meeting, read now: the home assignment's status and answer,
// and the link to the record form.
std::string mentor_notes(app::Services& s, const domain::Meeting& m, const std::optional<store::LinkKey>& key) {
  const auto& tr = messaging::shipped_translations();
  std::string language = tr.default_language();
  for (const auto& p : m.participants)
    if (p.role == "mentor") language = tr.resolve(p.language);
  std::string notes;
  for (const auto& line : assignments::mentor_lines(s.store(), s.config(), tr, m, language)) notes += "\n" + line;
  if (key) {
    const auto link = assignments::record_form_link(s.config().http.public_url, *key, m);
    notes += "\n" + tr.text(language, "record_form.feed_link", {{"link", link}});
  }
  return notes;
}

}  // namespace

http::Response mentor_feed(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto& file = request.params.at("file");
  if (file.size() <= kSuffix.size() || file.compare(file.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return not_found();
  const auto token = file.substr(0, file.size() - kSuffix.size());
  const auto now = s->clock().now();
  const auto verified = links::verify(token, links::kFeed, links::secret_lookup(s->store().link_keys()), now);
  if (!verified.ok()) {
    log::info("feed link refused: {}", links::failure_name(verified.failure));
    return not_found();
  }
  const auto& config = s->config();
  const auto meetings = s->store().meetings().mentor_meetings(verified.claims.subject);
  planning::InvitationContext context;
  context.config = &config;
  context.zone = s->zone();
  context.now = now;
  messaging::CalendarDocument doc;
  doc.time_zone = config.timezone;
  std::string mentor_name;
  std::optional<store::LinkKey> key;
  if (!config.http.public_url.empty()) key = links::current_key(s->store().link_keys(), now);
  for (const auto& m : meetings) {
    for (const auto& p : m.participants)
      if (p.role == "mentor" && !p.name.empty()) mentor_name = p.name;
    auto event = planning::mentor_copy(m, planning::Change::created, context);
    event.description += mentor_notes(*s, m, key);
    doc.events.push_back(std::move(event));
  }
  doc.name = mentor_name.empty() ? "LOB" : "LOB – " + mentor_name;
  auto response = http::Response::text(200, messaging::build_icalendar(doc), "text/calendar; charset=utf-8");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  return response;
}

std::string feed_url(const config::Config& config, store::LinkKeyStore& keys, const std::string& staff_key, Instant now) {
  const auto& base = config.http.public_url;
  if (base.empty()) throw std::runtime_error("http.public_url is not set in the config: there is no address to give out");
  const auto key = links::current_key(keys, now);
  return base + "/calendar/" + links::sign(key, links::kFeed, staff_key, std::nullopt) + ".ics";
}

}  // namespace lobsync::selfservice
