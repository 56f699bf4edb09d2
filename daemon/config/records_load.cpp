#include "config/records_load.h"

#include <algorithm>

namespace lobsync::config {

// Whether the sink names a configured instance. Whether that instance can take dossier.push is
// known only once plugins are loaded: the dispatcher defers items of an instance without the
// capability and says why (as for planning.mailer and planning.calendars).
void read_records(Reader& r, const nlohmann::json& root, Config& c) {
  if (!root.contains("records") || !r.expect_object(root["records"], "/records")) return;
  const auto& section = root["records"];
  r.reject_unknown(section, "/records", {"final_after_days", "dossier_sinks"});
  r.integer(section, "/records", "final_after_days", c.records.final_after_days, 0, 365);
  if (!section.contains("dossier_sinks")) return;
  const auto& list = section["dossier_sinks"];
  if (!list.is_array()) {
    r.problem("/records/dossier_sinks", "must be a list of plugin instances that keep dossiers");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto path = "/records/dossier_sinks/" + std::to_string(i);
    const bool configured = list[i].is_string() && std::any_of(c.plugins.begin(), c.plugins.end(), [&](const auto& p) {
                              return p.instance == list[i].template get<std::string>();
                            });
    if (!configured) {
      r.problem(path, "must name a plugin instance under /plugins");
      continue;
    }
    const auto name = list[i].get<std::string>();
    if (std::find(c.records.dossier_sinks.begin(), c.records.dossier_sinks.end(), name) != c.records.dossier_sinks.end())
      r.problem(path, "listed twice");
    else
      c.records.dossier_sinks.push_back(name);
  }
}

}  // namespace lobsync::config
