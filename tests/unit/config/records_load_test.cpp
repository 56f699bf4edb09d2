// The "records" config section: defaults, a good section, and every broken value named by its
// JSON pointer; the dossier job is known.
#include "config/load.h"
#include "support/config_problems.h"

#include <gtest/gtest.h>

namespace lobsync::config::records_load_test {
namespace {

TEST(RecordsConfig, DefaultsWithoutASection) {
  const auto r = parse_text("{}", "/etc/lobsync/lobsync.json");
  ASSERT_TRUE(r.config);
  EXPECT_EQ(r.config->records.final_after_days, 7);
  EXPECT_TRUE(r.config->records.dossier_sinks.empty());
}

TEST(RecordsConfig, AGoodSectionAndTheDossierJob) {
  const auto r = parse_text(R"({"plugins": {"share": {"plugin": "dossier-files"}, "hook": {"plugin": "dossier-webhook"}},
                                   "records": {"final_after_days": 0, "dossier_sinks": ["share", "hook"]},
                                   "jobs": {"dossier": {"at": "03:15"}}})",
                            "/etc/lobsync/lobsync.json");
  ASSERT_TRUE(r.config) << (r.problems.empty() ? "" : r.problems[0].path + ": " + r.problems[0].message);
  EXPECT_EQ(r.config->records.final_after_days, 0);
  EXPECT_EQ(r.config->records.dossier_sinks, (std::vector<std::string>{"share", "hook"}));
  ASSERT_EQ(r.config->jobs.size(), 1u);
  EXPECT_EQ(r.config->jobs[0].name, "dossier");
}

TEST(RecordsConfig, BrokenValuesAreNamed) {
  auto r = parse_text(R"({"plugins": {"share": {"plugin": "dossier-files"}, "hook": {"plugin": "dossier-webhook"}},
                             "records": {"final_after_days": 366, "dossier_sinks": ["share", "nowhere", 3, "share"], "x": 1}})",
                      "/etc/lobsync/lobsync.json");
  EXPECT_FALSE(r.config);
  EXPECT_TRUE(has_problem(r, "/records/final_after_days", "between 0"));
  EXPECT_TRUE(has_problem(r, "/records/dossier_sinks/1", "plugin instance under /plugins"));
  EXPECT_TRUE(has_problem(r, "/records/dossier_sinks/2", "plugin instance under /plugins"));
  EXPECT_TRUE(has_problem(r, "/records/dossier_sinks/3", "listed twice"));
  EXPECT_TRUE(has_problem(r, "/records/x", "unknown key"));

  r = parse_text(R"({"records": {"final_after_days": "7", "dossier_sinks": "share"}})", "x.json");
  EXPECT_TRUE(has_problem(r, "/records/final_after_days", "whole number"));
  EXPECT_TRUE(has_problem(r, "/records/dossier_sinks", "must be a list"));
  EXPECT_TRUE(has_problem(parse_text(R"({"records": []})", "x.json"), "/records", "must be an object"));
  EXPECT_TRUE(has_problem(parse_text(R"({"records": {"final_after_days": -1}})", "x.json"), "/records/final_after_days",
                          "between 0"));
}

}  // namespace
}  // namespace lobsync::config::records_load_test
