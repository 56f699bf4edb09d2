#include "calendar_write.hpp"

#include "caldav/ical_reader.hpp"
#include "multistatus.hpp"

#include <lobsync/url.hpp>

namespace caldav {

namespace {

using lobsync::sdk::Error;
using lobsync::sdk::HttpResponse;
using nlohmann::json;

constexpr const char* kCalendarType = "text/calendar; charset=utf-8";
constexpr const char* kXmlType = "application/xml; charset=utf-8";

std::string required_string(const json& request, const char* field) {
  if (!request.is_object() || !request.contains(field) || !request[field].is_string() ||
      request[field].get<std::string>().empty()) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, std::string(field) + ": must be a non-empty string");
  }
  return request[field].get<std::string>();
}

bool stored(const HttpResponse& r) { return r.status == 200 || r.status == 201 || r.status == 204; }

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

json result(const std::string& href, const HttpResponse& r, bool created) {
  const std::string etag = header(r, "etag");
  return {{"href", href}, {"etag", etag.empty() ? json(nullptr) : json(etag)}, {"created", created}};
}

// A PUT answer other than success or 412: the reasons a CalDAV server gives, in words.
[[noreturn]] void refuse(const HttpResponse& r, bool create_missing) {
  if (r.status == 409 && has_condition(r.body, "no-uid-conflict")) {
    throw Error(LOBSYNC_E_PERMANENT,
                "PUT of the event: another event in this calendar already has this UID (409 no-uid-conflict)");
  }
  if (r.status == 404 || r.status == 409) {
    throw Error(LOBSYNC_E_PERMANENT, "PUT of the event: the calendar collection does not exist (HTTP " +
                                         std::to_string(r.status) + ")" +
                                         (create_missing ? "" : "; create it, or set create_missing"));
  }
  if (r.status == 400 || r.status == 415) {
    throw Error(LOBSYNC_E_PERMANENT, "PUT of the event: the CalDAV server refused the iCalendar data (HTTP " +
                                         std::to_string(r.status) + ")");
  }
  fail(r, "PUT of the event");
}

}  // namespace

void check_object(std::string_view ics, const std::string& uid) {
  const auto doc = ical::parse(ics);
  if (!doc.problems.empty()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "ics: " + doc.problems.front());
  if (doc.components.size() != 1 || doc.components.front().name != "VCALENDAR") {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "ics: must be exactly one VCALENDAR object");
  }
  const auto& calendar = doc.components.front();
  if (const auto* method = calendar.property("METHOD")) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "ics: line " + std::to_string(method->line) +
                                                ": METHOD is for messages (iTIP), a stored calendar object must "
                                                "not have it (RFC 4791 §4.1)");
  }
  bool any = false;
  for (const auto& component : calendar.children) {
    if (component.name == "VTIMEZONE") continue;
    const auto* property = component.property("UID");
    if (property == nullptr) {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                  "ics: the " + component.name + " at line " + std::to_string(component.line) + " has no UID");
    }
    if (ical::unescape_text(property->value) != uid) {
      throw Error(LOBSYNC_E_INVALID_ARGUMENT,
                  "ics: line " + std::to_string(property->line) + ": UID differs from the request's uid");
    }
    any = true;
  }
  if (!any) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "ics: the VCALENDAR holds no event");
}

CalendarWriter::Target CalendarWriter::target(const json& request) const {
  const std::string calendar = required_string(request, "calendar");
  const std::string uid = required_string(request, "uid");
  auto collection = settings_.collection(calendar);
  if (!collection) {
    throw Error(LOBSYNC_E_CONFIG, "calendar: no collection for this calendar key (not in calendars, and no "
                                  "collection_url template)");
  }
  return {*collection, *collection + lobsync::sdk::url_encode(uid) + ".ics"};
}

json CalendarWriter::put(const json& request) const {
  const Target t = target(request);
  const std::string uid = request["uid"].get<std::string>();
  const std::string ics = required_string(request, "ics");
  check_object(ics, uid);

  auto create = [&] {
    return client_.send("PUT", t.href, {{"Content-Type", kCalendarType}, {"If-None-Match", "*"}}, ics);
  };
  HttpResponse r = create();
  const bool missing_collection = r.status == 404 || (r.status == 409 && !has_condition(r.body, "no-uid-conflict"));
  if (missing_collection && settings_.create_missing) {
    make_collection(t.collection);
    r = create();
  }
  if (stored(r)) return result(t.href, r, true);
  if (r.status != 412) refuse(r, settings_.create_missing);

  // The event exists: replace exactly the version read, so a change someone else made in the
  // meantime is not overwritten unseen. One more round if it changed between read and write.
  for (int round = 0; round < 2; ++round) {
    const auto etag = current_etag(t.href);
    r = etag ? client_.send("PUT", t.href, {{"Content-Type", kCalendarType}, {"If-Match", *etag}}, ics) : create();
    if (stored(r)) return result(t.href, r, !etag);
    if (r.status != 412) refuse(r, settings_.create_missing);
  }
  throw Error(LOBSYNC_E_UNAVAILABLE,
              "PUT of the event: the event kept changing on the server between reading and writing it; try again later");
}

std::optional<std::string> CalendarWriter::current_etag(const std::string& href) const {
  static constexpr const char* body =
      R"(<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>)";
  const HttpResponse r = client_.send("PROPFIND", href, {{"Depth", "0"}, {"Content-Type", kXmlType}}, body);
  if (r.status == 404 || r.status == 410) return std::nullopt;
  if (r.status != 207) fail(r, "PROPFIND of the event's ETag");
  const Multistatus answer = parse_multistatus(r.body);
  for (const auto& resource : answer.resources) {
    if (resource.status / 100 == 2 && resource.etag && !resource.etag->empty()) return resource.etag;
  }
  if (!answer.resources.empty() && answer.resources.front().status == 404) return std::nullopt;
  // A server that lists no ETag in PROPFIND still sends one with GET.
  const HttpResponse got = client_.send("GET", href);
  if (got.status == 404 || got.status == 410) return std::nullopt;
  if (got.status != 200) fail(got, "GET of the event's ETag");
  std::string etag = header(got, "etag");
  if (etag.empty()) {
    throw Error(LOBSYNC_E_PERMANENT, "the CalDAV server gives no ETag for the event, so it cannot be updated safely");
  }
  return etag;
}

void CalendarWriter::make_collection(const std::string& collection) const {
  const std::string body =
      R"(<?xml version="1.0" encoding="utf-8"?>)"
      R"(<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>)"
      "<d:displayname>" +
      xml_escape(settings_.display_name) +
      "</d:displayname>"
      R"(<c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>)"
      "</d:prop></d:set></c:mkcalendar>";
  const HttpResponse r = client_.send("MKCALENDAR", collection, {{"Content-Type", kXmlType}}, body);
  if (r.status == 201 || r.status == 200) return;
  // Created by someone else in the meantime: fine. Servers say 405 (RFC 4791) or, like
  // Radicale, 409 with resource-must-be-null.
  if (r.status == 405 || (r.status == 409 && has_condition(r.body, "resource-must-be-null"))) return;
  if (r.status == 409) {
    throw Error(LOBSYNC_E_PERMANENT,
                "MKCALENDAR: the calendar's parent collection does not exist (HTTP 409); on Radicale the user must "
                "have logged in once, on other servers the calendar home must exist");
  }
  fail(r, "MKCALENDAR of the calendar collection");
}

json CalendarWriter::remove(const json& request) const {
  const Target t = target(request);
  const HttpResponse r = client_.send("DELETE", t.href);
  if (r.status == 200 || r.status == 204) return {{"deleted", true}};
  if (r.status == 404 || r.status == 410) return {{"deleted", false}};
  fail(r, "DELETE of the event");
}

}  // namespace caldav
