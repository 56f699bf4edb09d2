// The microsoft365 plugin through the real binary, against the fake Graph: `lobsync plan` reads
// the mentors' free/busy with getSchedule and keeps their meetings out of busy times, and
// `lobsync dispatch` sends the invitations through sendMail with the MIME bytes the host built.
#include "daemon_fixture.h"
#include "planning_school.h"

#include "unit/microsoft365/fake_graph.h"

#include <gtest/gtest.h>

namespace lobsync::test::microsoft365_test {
namespace {

using nlohmann::json;

std::string base64_decode(const std::string& text) {
  static const std::string table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : text) {
    const auto p = table.find(c);
    if (p == std::string::npos) break;
    val = (val << 6) + static_cast<int>(p);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

TEST(Microsoft365EndToEnd, ThePlannerAvoidsGraphBusyTimesAndInvitationsGoOutThroughGraph) {
  ScratchDir dir;
  FakeOAuthApp app(dir.path());
  FakeGraph graph(app);
  // Anna Jansen is busy all year in Outlook; Bram de Vries is free.
  graph.control({{"schedules",
                  {{"a.jansen@school.example",
                    {{{"status", "busy"}, {"start", "2020-01-01T00:00:00Z"}, {"end", "2030-01-01T00:00:00Z"}}}},
                   {"b.devries@school.example", json::array()}}}});
  write_file(dir / "roster.jsonl", kRoster);
  auto config = base_config(dir);
  config["plugin_dirs"].push_back(env("LOBSYNC_TEST_PLUGIN_DIR"));
  config["plugins"]["school"] = {{"plugin", "test-roster-lines"}, {"file", (dir / "roster.jsonl").string()}};
  config["plugins"]["m365"] = {{"plugin", "microsoft365"},
                               {"tenant", FakeOAuthApp::kTenant},
                               {"client_id", FakeOAuthApp::kSecretClient},
                               {"client_secret", {{"env", "LOBSYNC_TEST_M365_SECRET"}}},
                               {"mailbox", FakeGraph::kMailbox},
                               {"authority_url", graph.base()},
                               {"graph_url", graph.graph_url()}};
  config["planning"] = whole_year_planning();
  config["planning"]["mailer"] = "m365";
  const auto file = write_config(dir, config);
  const std::map<std::string, std::string> environment{{"LOBSYNC_TEST_M365_SECRET", FakeOAuthApp::kClientSecret}};
  ASSERT_EQ(lobsync({"sync", "--config", file, "--json"}, environment).exit_code, 0);

  const auto r = lobsync({"plan", "--config", file, "--json", "--verbose"}, environment);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto plan = json::parse(r.out);
  // Only de Vries's students (s2, s4: two conversations each) can be placed.
  EXPECT_EQ(plan["planned"], 4) << plan.dump();
  for (const auto& m : plan["meetings"]) EXPECT_TRUE(m["mentor"].get<std::string>().ends_with("t2")) << m.dump();
  EXPECT_FALSE(plan["unplaced"].empty());
  EXPECT_FALSE(graph.stats()["getschedule_batches"].empty());

  // Throttled twice, and every token revoked after two calls: the run waits out the 429s
  // (Retry-After: 1), renews its token in the middle, and still delivers everything once.
  graph.control({{"throttle", 2}, {"revoke_after", 2}});
  const auto issued_before = graph.stats()["token"]["issued"].get<int>();
  const auto d = lobsync({"dispatch", "--config", file, "--json"}, environment);
  ASSERT_EQ(d.exit_code, 0) << d.out << d.err;
  const auto dispatched = json::parse(d.out);
  EXPECT_EQ(dispatched["failed"], 0) << dispatched.dump();
  EXPECT_EQ(dispatched["sent"], plan["outbox_items"]) << dispatched.dump();
  const auto stats = graph.stats();
  EXPECT_EQ(stats["throttled"], 2);
  EXPECT_GE(stats["unauthorized"].get<int>(), 1) << "the revoked token was refused";
  EXPECT_GE(stats["token"]["issued"].get<int>() - issued_before, 2) << "a token renewed mid-run: " << stats["token"].dump();
  ASSERT_FALSE(stats["messages"].empty());
  EXPECT_EQ(stats["sendmail"], stats["messages"].size());
  for (const auto& m : stats["messages"]) {
    // The host's bytes, as built: an iMIP invitation whose calendar part says method=REQUEST.
    const std::string mime = base64_decode(m.get<std::string>());
    EXPECT_NE(mime.find("text/calendar"), std::string::npos) << mime.substr(0, 400);
    EXPECT_NE(mime.find("method=REQUEST"), std::string::npos) << mime.substr(0, 2000);
  }
}

}  // namespace
}  // namespace lobsync::test::microsoft365_test
