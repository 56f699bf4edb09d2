// The outbox killed with SIGKILL at random moments while it delivers to real servers on
// loopback: invitations through the smtp plugin to aiosmtpd, dossier records through the
// dossier-webhook plugin to a receiver that verifies the signature and refuses a repeated
// Idempotency-Key. Counted at the receivers afterwards: nothing lost; the webhook receiver
// stores every record exactly once; a mail can arrive twice only when a kill fell between the
// server's acceptance and the store's record of it (at most once per killed run).
#include "daemon_fixture.h"

#include "messaging/mime.h"
#include "store/store.h"
#include "support/smtp_server.h"
#include "support/webhook_receiver.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <thread>

namespace lobsync::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

json dossier_record(int i) {
  const auto id = "r-" + std::to_string(i);
  return {{"id", id},
          {"version", 1},
          {"student", {{"key", "src:" + std::to_string(i)}, {"student_number", std::to_string(10000 + i)}, {"name", "Leerling " + std::to_string(i)}}},
          {"meeting",
           {{"id", "m-" + std::to_string(i)},
            {"type", "parents"},
            {"title", "Loopbaangesprek met ouders"},
            {"start", "2027-01-11T14:30:00Z"},
            {"end", "2027-01-11T15:00:00Z"}}},
          {"phases", {{"look_back", "Snuffelstage."}, {"reflect", "Ging goed."}, {"look_forward", "Profiel?"}, {"act", "Open dag."}}},
          {"competences", {"work_exploration"}},
          {"next_steps", json::array()},
          {"attended", {"student", "mentor"}},
          {"home_assignment_discussed", false},
          {"written_by", "Mentor"},
          {"final_at", "2027-01-11T16:10:00Z"},
          {"language", "nl"}};
}

TEST(KillRealServers, NothingLostNothingStoredTwice) {
  constexpr int kMails = 60;
  constexpr int kRecords = 60;
  constexpr int kRounds = 15;
  SmtpServer smtp;
  WebhookReceiver webhook;
  ScratchDir dir;
  auto config = base_config(dir);
  config["plugins"]["smtp"] = {{"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp.port()},
                               {"security", "none"}, {"allow_plaintext", true}};
  config["plugins"]["dossier"] = {{"plugin", "dossier-webhook"}, {"url", webhook.url()},
                                  {"secret", {{"env", "LOBSYNC_TEST_WEBHOOK_SECRET"}}}};
  config["outbox"] = {{"lease_seconds", 1}, {"batch", 5}, {"workers", 2}};
  config["log"] = {{"level", "error"}};
  const auto file = write_config(dir, config);
  const std::map<std::string, std::string> env{{"LOBSYNC_TEST_WEBHOOK_SECRET", "webhook-test-secret"}};

  std::set<std::string> mail_ids, record_keys;
  {
    SystemClock clock;
    auto store = store::open_store({"sqlite", dir / "state/lobsync.db"}, clock);
    for (int i = 0; i < kMails; ++i) {
      messaging::TextMessage m;
      m.from = {"lob@school.example", "LOB"};
      m.to = {{"parent" + std::to_string(i) + "@home.example", ""}};
      m.subject = "Uitnodiging " + std::to_string(i);
      m.body = "Bericht " + std::to_string(i) + "\n";
      m.message_id_left = "kill-" + std::to_string(i);
      m.date = clock.now();
      const auto key = "invite:" + std::to_string(i);
      store->outbox().enqueue(key, "smtp", "mail.send",
                              {{"idempotency_key", key}, {"from", "lob@school.example"},
                               {"recipients", {m.to[0].address}}, {"message", messaging::build_text_message(m)}},
                              clock.now());
      mail_ids.insert("<kill-" + std::to_string(i) + "@school.example>");
    }
    for (int i = 0; i < kRecords; ++i) {
      const auto key = "dossier:r-" + std::to_string(i) + ":v1";
      store->outbox().enqueue(key, "dossier", "dossier.push", {{"idempotency_key", key}, {"record", dossier_record(i)}},
                              clock.now());
      record_keys.insert(key);
    }
  }

  std::mt19937 rng(20261025);  // seeded: the same kill moments every time
  std::uniform_int_distribution<int> delay_ms(30, 250);
  int killed = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::string> argv{binary().string(), "dispatch", "--config", file, "--json"};
    auto run = Process::start(argv, env);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    run.signal(SIGKILL);
    const auto code = run.wait(30s);
    ASSERT_TRUE(code) << "round " << round << " did not end";
    if (*code == 128 + SIGKILL) ++killed;
  }
  std::this_thread::sleep_for(1100ms);  // the last killed run's leases run out
  const auto final_run = lobsync({"dispatch", "--config", file, "--json"}, env);
  ASSERT_EQ(final_run.exit_code, 0) << final_run.out << final_run.err;
  EXPECT_EQ(json::parse(final_run.out)["failed"], 0) << final_run.out;

  // Mail: every message arrived; repeats only from kills in the acceptance window.
  std::map<std::string, int> arrived;
  for (const auto& m : smtp.messages()) {
    const auto at = m.raw.find("Message-ID: ");
    ASSERT_NE(at, std::string::npos);
    ++arrived[m.raw.substr(at + 12, m.raw.find("\r\n", at) - at - 12)];
  }
  int mail_repeats = 0;
  for (const auto& id : mail_ids) {
    EXPECT_TRUE(arrived.count(id)) << id << " never arrived";
    if (arrived.count(id)) mail_repeats += arrived[id] - 1;
  }
  EXPECT_EQ(arrived.size(), mail_ids.size());
  EXPECT_LE(mail_repeats, killed) << "at most one unrecorded delivery per killed run";

  // Dossier: the receiver holds every record exactly once; repeats were refused by key.
  std::map<std::string, int> stored;
  for (const auto& d : webhook.deliveries()) ++stored[d.idempotency_key];
  for (const auto& key : record_keys) EXPECT_EQ(stored[key], 1) << key;
  EXPECT_EQ(stored.size(), record_keys.size());

  SystemClock clock;
  auto store = store::open_store({"sqlite", dir / "state/lobsync.db"}, clock);
  for (const auto& [state, n] : store->outbox().outbox_counts())
    EXPECT_TRUE(state == "sent" || n == 0) << n << " items " << state;
  std::cout << "[ kill -9  ] " << kRounds << " rounds, " << killed << " killed mid-run; mails repeated: " << mail_repeats
            << ", dossier repeats refused by the receiver: " << webhook.duplicates_refused() << "\n";
}

}  // namespace
}  // namespace lobsync::test
