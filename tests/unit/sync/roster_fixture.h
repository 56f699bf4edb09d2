// A small school as JSON lines, a roster-lines plugin reading it, and a store, for sync tests.
#pragma once

#include "net/http_client.h"
#include "plugin_host/catalog.h"
#include "plugin_host/instance.h"
#include "store/store.h"
#include "sync/engine.h"

#include "support/test_env.h"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lobsync::sync::test_roster {

using nlohmann::json;

// `students` students in two classes, one mentor each, a guardian per student (siblings
// 0 and 1 share one), all valid.
inline std::vector<json> school(int students) {
  std::vector<json> r;
  r.push_back({{"kind", "location"}, {"source_id", "loc-1"}, {"name", "Noord"}});
  for (int g = 0; g < 2; ++g) {
    const auto gid = "g-" + std::to_string(g);
    r.push_back({{"kind", "group"}, {"source_id", gid}, {"name", std::to_string(g + 1) + "H1"}, {"year", g + 1}, {"level", "havo"}});
    r.push_back({{"kind", "staff"}, {"source_id", "m-" + std::to_string(g)}, {"family_name", "Jansen"}, {"email", "m" + std::to_string(g) + "@school.example"}});
    r.push_back({{"kind", "mentor"}, {"staff", "m-" + std::to_string(g)}, {"group", gid}, {"role", "first"}});
  }
  for (int i = 0; i < students; ++i) {
    const auto sid = "s-" + std::to_string(i);
    r.push_back({{"kind", "student"}, {"source_id", sid}, {"given_name", "Zoë"}, {"family_name", "Özdemir"},
                 {"birth_date", "2012-03-04"}, {"group", "g-" + std::to_string(i % 2)}, {"year", 1 + i % 2}, {"level", "havo"}});
    if (i == 1) continue;  // shares guardian p-0 with student 0
    json links = json::array({{{"student", sid}, {"parental_authority", true}}});
    if (i == 0) links.push_back({{"student", "s-1"}, {"parental_authority", true}});
    r.push_back({{"kind", "guardian"}, {"source_id", "p-" + std::to_string(i)}, {"family_name", "Wiśniewska"}, {"students", links}});
  }
  return r;
}

class SyncTest : public ::testing::Test {
 protected:
  SyncTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        services_(clock_, http_),
        store_(store::open_store({"sqlite", dir_ / "lobsync.db"}, clock_)),
        catalog_(plugin_host::PluginCatalog::scan({test::env("LOBSYNC_TEST_PLUGIN_DIR")})),
        engine_(*store_, clock_, date::locate_zone("Europe/Amsterdam")) {
    settings_.max_removed_percent = 10;
    settings_.max_removed_count = 50;
  }

  void write_roster(const std::vector<json>& records, const std::vector<std::string>& raw_lines = {}) {
    std::string text;
    for (const auto& r : records) text += r.dump() + "\n";
    for (const auto& l : raw_lines) text += l + "\n";
    test::write_file(dir_ / "roster.jsonl", text);
  }

  SyncResult sync(SyncOptions options = {}, int fail_after = -1) {
    std::string error;
    auto source = plugin_host::PluginInstance::create(*catalog_.find("test-roster-lines"), "school",
                                                      {{"file", (dir_ / "roster.jsonl").string()}, {"fail_after", fail_after}},
                                                      services_, error);
    if (!source) throw std::runtime_error(error);
    return engine_.run(*source, settings_, options);
  }

  std::size_t active(const char* kind) { return store_->roster().records(kind).size(); }

  test::ScratchDir dir_;
  ManualClock clock_;
  net::HttpClient http_;
  plugin_host::HostServices services_;
  std::unique_ptr<store::Store> store_;
  plugin_host::PluginCatalog catalog_;
  SyncEngine engine_;
  config::SyncSettings settings_;
};

}  // namespace lobsync::sync::test_roster
