#include "config/notices_load.h"

#include "jobs/local_time.h"

#include <algorithm>
#include <functional>
#include <set>

namespace lobsync::config {
namespace {

using nlohmann::json;

constexpr const char* kNoticesPath = "/notices";

void read_quiet_hours(Reader& r, const json& n, NoticeSettings& out) {
  if (!n.contains("quiet_hours")) return;
  const auto& v = n["quiet_hours"];
  const auto where = pointer(kNoticesPath, "quiet_hours");
  if (v.is_string() && v.get<std::string>().empty()) {
    out.has_quiet_hours = false;
    return;
  }
  const auto hours = v.is_string() ? parse_quiet_hours(v.get<std::string>()) : std::nullopt;
  if (!hours) {
    return r.problem(where, "must be local hours like \"21:00-07:30\" (HH:MM-HH:MM, may cross midnight, not empty), "
                            "or \"\" for none");
  }
  out.quiet_from_minute = hours->first;
  out.quiet_to_minute = hours->second;
}

void read_reminder_days(Reader& r, const json& n, NoticeSettings& out) {
  if (!n.contains("reminder_days")) return;
  const auto& list = n["reminder_days"];
  const auto where = pointer(kNoticesPath, "reminder_days");
  if (!list.is_array()) return r.problem(where, "must be a list of whole days before the meeting, e.g. [7, 1]");
  std::vector<int> days;
  std::set<int> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto item = where + "/" + std::to_string(i);
    if (!list[i].is_number_integer()) {
      r.problem(item, std::string("must be a whole number of days, not ") + type_name(list[i]));
      continue;
    }
    const auto d = list[i].get<long long>();
    if (d < 1 || d > 60) {
      r.problem(item, "must be between 1 and 60");
      continue;
    }
    if (!seen.insert(static_cast<int>(d)).second) {
      r.problem(item, "is given twice");
      continue;
    }
    days.push_back(static_cast<int>(d));
  }
  std::sort(days.begin(), days.end(), std::greater<>());
  out.reminder_days = std::move(days);
}

}  // namespace

std::optional<std::pair<int, int>> parse_quiet_hours(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto from = jobs::parse_time_of_day(text.substr(0, dash));
  const auto to = jobs::parse_time_of_day(text.substr(dash + 1));
  if (!from || !to) return std::nullopt;
  const int f = from->hour * 60 + from->minute;
  const int t = to->hour * 60 + to->minute;
  if (f == t) return std::nullopt;
  return std::pair{f, t};
}

void read_notices(Reader& r, const json& root, Config& c) {
  if (!root.contains("notices") || !r.expect_object(root["notices"], kNoticesPath)) return;
  const auto& n = root["notices"];
  r.reject_unknown(n, kNoticesPath, {"quiet_hours", "reminder_days", "call_list_days"});
  read_quiet_hours(r, n, c.notices);
  read_reminder_days(r, n, c.notices);
  r.integer(n, kNoticesPath, "call_list_days", c.notices.call_list_days, 1, 60);
}

}  // namespace lobsync::config
