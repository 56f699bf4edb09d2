// busy.read through Graph's getSchedule: the people asked (by e-mail) in batches of at most 20
// schedules, the window in pieces shorter than Graph's 42-day limit; busy, tentative and
// out-of-office items become busy intervals in UTC; a person Graph cannot read becomes
// {"person","error"}.
#pragma once

#include "graph_client.hpp"

#include <lobsync/busy_request.hpp>

namespace microsoft365 {

inline constexpr std::size_t kSchedulesPerCall = 20;
inline constexpr int kDaysPerCall = 31;

class ScheduleReader {
 public:
  ScheduleReader(GraphClient& graph, const Settings& settings) : graph_(graph), settings_(settings) {}

  void read(const nlohmann::json& request, lobsync::sdk::Emitter& out);

 private:
  GraphClient& graph_;
  const Settings& settings_;
};

// One scheduleInformation of a getSchedule answer as documents for `person` (busy intervals
// clipped to [from, to), problems for items that cannot be read). Never throws.
std::vector<nlohmann::json> schedule_documents(const nlohmann::json& information, const std::string& person,
                                               lobsync::sdk::UtcSeconds from, lobsync::sdk::UtcSeconds to);

}  // namespace microsoft365
