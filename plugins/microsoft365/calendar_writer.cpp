#include "calendar_writer.hpp"

#include <lobsync/url.hpp>

#include <algorithm>

namespace microsoft365 {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

constexpr const char* kPermission = "Calendars.ReadWrite";
constexpr int kMaxPages = 10;

std::string events_path(const std::string& calendar) { return "/users/" + lobsync::sdk::url_encode(calendar) + "/events"; }

std::string event_path(const std::string& calendar, const std::string& id) {
  return events_path(calendar) + "/" + lobsync::sdk::url_encode(id);
}

bool is_duplicate_transaction(const lobsync::sdk::HttpResponse& r) {
  return (r.status == 400 || r.status == 409) && graph_error_code(r.body) == "ErrorDuplicateTransactionId";
}

}  // namespace

void CalendarWriter::require_enabled(const char* operation) const {
  // A configuration matter, not a dead item: once calendar_writes is set the outbox delivers it.
  if (!settings_.calendar_writes) {
    throw Error(LOBSYNC_E_CONFIG, std::string(operation) +
                                      ": calendar writes are off for this instance; set calendar_writes to true "
                                      "(and grant the app Calendars.ReadWrite)");
  }
}

std::vector<std::string> CalendarWriter::find(const std::string& calendar, const std::string& uid) {
  std::string next = lobsync::sdk::with_query(events_path(calendar), "$filter", uid_filter(uid));
  next = lobsync::sdk::with_query(next, "$expand", uid_expand());
  next = lobsync::sdk::with_query(next, "$select", "id");
  const std::string what = "the event search in the calendar of " + calendar;
  std::vector<std::string> ids;
  for (int page = 0; !next.empty() && page < kMaxPages; ++page) {
    const auto response = graph_.call("GET", next, "", "");
    if (response.status != 200) graph_.fail(response, what, kPermission, calendar);
    const auto found = events_with_uid(response.body, uid);
    if (!found) throw Error(LOBSYNC_E_UNAVAILABLE, what + " answered with something that is not a list of events");
    for (const auto& id : found->ids) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    next = found->next_link;  // followed only under graph_url (GraphClient::call): the token goes with it
  }
  return ids;
}

bool CalendarWriter::update(const std::string& calendar, const std::string& id, const json& event) {
  const auto response = graph_.call("PATCH", event_path(calendar, id), "application/json", event.dump());
  if (response.status == 200 || response.status == 204) return true;
  if (response.status == 404) return false;  // deleted in the meantime (by the mentor, say)
  graph_.fail(response, "updating the event in the calendar of " + calendar, kPermission, calendar);
}

bool CalendarWriter::erase(const std::string& calendar, const std::string& id) {
  const auto response = graph_.call("DELETE", event_path(calendar, id), "", "");
  if (response.status == 204 || response.status == 200) return true;
  if (response.status == 404 || response.status == 410) return false;  // already gone: done
  graph_.fail(response, "deleting the event in the calendar of " + calendar, kPermission, calendar);
}

std::size_t CalendarWriter::erase_all(const std::string& calendar, const std::vector<std::string>& ids) {
  std::size_t erased = 0;
  for (const auto& id : ids) erased += erase(calendar, id) ? 1 : 0;
  return erased;
}

void CalendarWriter::put(const json& request, lobsync::sdk::Emitter& out) {
  require_enabled("calendar.put");
  const PutRequest put = read_put_request(request);
  if (put.cancelled) {
    out.emit({{"deleted", erase_all(put.calendar, find(put.calendar, put.uid)) > 0}});
    return;
  }
  json event = graph_event(put, settings_.participants_label);
  std::vector<std::string> ids = find(put.calendar, put.uid);
  // Three rounds at most: an event deleted between search and update, or a create Graph says
  // was made already, sends the put back to the search once more.
  for (int round = 0; round < 3; ++round) {
    while (!ids.empty()) {
      const std::string id = ids.front();
      ids.erase(ids.begin());
      if (!update(put.calendar, id, event)) continue;
      json doc{{"event_id", id}, {"created", false}};
      if (const auto removed = erase_all(put.calendar, ids); removed > 0) doc["removed_duplicates"] = removed;
      out.emit(doc);
      return;
    }
    json create = event;
    create["transactionId"] = transaction_id(put.uid, put.sequence);
    // Repeatable: with the transactionId, Graph does not create again what a lost answer hid.
    const auto response = graph_.call("POST", events_path(put.calendar), "application/json", create.dump());
    if (response.status == 201 || response.status == 200) {
      const std::string id = event_id_of(response.body);
      out.emit({{"event_id", id.empty() ? json(nullptr) : json(id)}, {"created", true}});
      return;
    }
    if (!is_duplicate_transaction(response)) {
      graph_.fail(response, "creating the event in the calendar of " + put.calendar, kPermission, put.calendar);
    }
    // This version was created already (and changed since, or Graph would have answered it).
    ids = find(put.calendar, put.uid);
    if (ids.empty()) {
      throw Error(LOBSYNC_E_UNAVAILABLE, "creating the event in the calendar of " + put.calendar +
                                             ": Graph says this transactionId made an event already, but no event "
                                             "carries the uid (yet); trying again later");
    }
  }
  throw Error(LOBSYNC_E_UNAVAILABLE, "the event in the calendar of " + put.calendar +
                                         " kept changing or disappearing while it was written; trying again later");
}

void CalendarWriter::remove(const json& request, lobsync::sdk::Emitter& out) {
  require_enabled("calendar.delete");
  const auto [calendar, uid] = read_delete_request(request);
  out.emit({{"deleted", erase_all(calendar, find(calendar, uid)) > 0}});
}

}  // namespace microsoft365
