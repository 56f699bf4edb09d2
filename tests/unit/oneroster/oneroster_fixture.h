// Runs the built oneroster plugin through the real host over a scratch copy of a fixture in
// tests/data/oneroster, so each test can break the export in its own way.
#pragma once

#include "plugin_host/instance.h"
#include "plugin_host/runtime.h"

#include "net/http_client.h"
#include "support/process.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lobsync::plugin_host {

class OneRosterTest : public ::testing::Test {
 protected:
  using json = nlohmann::json;

  OneRosterTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)), services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::plugin_dir()})) {}

  // A scratch copy of tests/data/oneroster/<name>; returns its folder.
  std::filesystem::path fixture(const std::string& name) {
    const auto target = scratch_ / name;
    std::filesystem::copy(test::source_dir() / "tests/data/oneroster" / name, target,
                          std::filesystem::copy_options::recursive);
    return target;
  }

  // Replaces the first `from` in a file by `to`; fails the test when `from` is not there.
  static void edit(const std::filesystem::path& file, const std::string& from, const std::string& to) {
    auto text = test::read_file(file);
    const auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " not in " << file;
    text.replace(at, from.size(), to);
    test::write_file(file, text);
  }

  // Zips a folder's files (flat) with Debian's python3: the test binary does not link libzip.
  std::filesystem::path zip(const std::filesystem::path& folder) {
    const auto target = scratch_ / (folder.filename().string() + ".zip");
    const auto result = test::run({test::python(), "-c",
                                   "import os,sys,zipfile\n"
                                   "with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                                   "  for f in sorted(os.listdir(sys.argv[1])): z.write(os.path.join(sys.argv[1], f), f)\n",
                                   folder.string(), target.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return target;
  }

  struct Outcome {
    CallResult result;
    std::vector<json> docs;
  };

  Outcome read(const json& settings) {
    Outcome outcome;
    const auto* plugin = catalog_.find("oneroster");
    if (plugin == nullptr) {
      ADD_FAILURE() << "oneroster plugin not loaded from " << test::plugin_dir();
      return outcome;
    }
    std::string error;
    auto instance = PluginInstance::create(*plugin, "or-test", settings, services_, error);
    if (!instance) {
      outcome.result = {lobsync::plugin_host::CallStatus::config, error};
      return outcome;
    }
    outcome.result = instance->call("roster.read", {{"mode", "full"}}, [&](std::string_view doc) {
      outcome.docs.push_back(json::parse(doc));
      return true;
    });
    return outcome;
  }

  static std::vector<json> of_kind(const std::vector<json>& docs, const std::string& kind) {
    std::vector<json> out;
    for (const auto& d : docs) {
      if (d["kind"] == kind) out.push_back(d);
    }
    return out;
  }

  static json by_id(const std::vector<json>& docs, const std::string& kind, const std::string& id) {
    for (const auto& d : docs) {
      if (d["kind"] == kind && d.value("source_id", "") == id) return d;
    }
    return nullptr;
  }

  // The problem records whose `record` names `where`.
  static std::vector<json> problems_at(const std::vector<json>& docs, const std::string& where) {
    std::vector<json> out;
    for (const auto& d : of_kind(docs, "problem")) {
      if (d["record"] == where) out.push_back(d);
    }
    return out;
  }

  ManualClock clock_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
  test::ScratchDir scratch_;
};

}  // namespace lobsync::plugin_host
