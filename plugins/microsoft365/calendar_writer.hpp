// calendar.put and calendar.delete: the mentor's copy of a meeting as an event in the mentor's own
// calendar (POST/PATCH/DELETE /users/{mentor}/events), found again by the host's uid, which the
// event carries as an extended property (calendar_event.hpp).
//
// Never a second event for one uid: a put first searches for the uid and updates what it finds;
// only when nothing carries the uid does it create, with a transactionId made from the uid and
// the meeting's sequence, so a create whose answer was lost and is sent again (by the host's
// retries or the outbox's) is not created twice by Graph. Should a second copy exist all the
// same (made before the first became visible), the put keeps the first and deletes the others.
#pragma once

#include "calendar_event.hpp"
#include "graph_client.hpp"

namespace microsoft365 {

class CalendarWriter {
 public:
  CalendarWriter(GraphClient& graph, const Settings& settings) : graph_(graph), settings_(settings) {}

  // Emits {"event_id","created"[,"removed_duplicates"]}; a cancelled event is removed instead.
  void put(const nlohmann::json& request, lobsync::sdk::Emitter& out);
  // Emits {"deleted": bool}: false when no event carried the uid (already gone is done).
  void remove(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  void require_enabled(const char* operation) const;
  std::vector<std::string> find(const std::string& calendar, const std::string& uid);
  bool update(const std::string& calendar, const std::string& id, const nlohmann::json& event);
  bool erase(const std::string& calendar, const std::string& id);
  std::size_t erase_all(const std::string& calendar, const std::vector<std::string>& ids);

  GraphClient& graph_;
  const Settings& settings_;
};

}  // namespace microsoft365
