// The outbox against real servers on loopback, as the shipped defaults run it (lease and batch
// as config/config.h ships them): invitations through the smtp plugin to a slow aiosmtpd,
// dossier records through the dossier-webhook plugin to a receiver that verifies the signature.
// Two `lobsync dispatch` processes always run at once on the same store. The receivers count
// every repeat (the SMTP server per Message-ID, the webhook receiver per Idempotency-Key) rather
// than hiding it. Proven: nothing is lost; two dispatchers without a crash deliver everything
// exactly once; with SIGKILLs, a repeat comes only from a call a killed process had in progress,
// at most one per killed process and channel.
#include "daemon_fixture.h"
#include "dispatch_rounds.h"

#include "messaging/mime.h"
#include "store/store.h"
#include "support/smtp_server.h"
#include "support/webhook_receiver.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <thread>

namespace lobsync::test::kill_real_servers_test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const std::map<std::string, std::string> kEnv{{"LOBSYNC_TEST_WEBHOOK_SECRET", "webhook-test-secret"}};

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

SmtpServerOptions slow_server(double delay_seconds) {
  SmtpServerOptions options;
  options.delay_seconds = delay_seconds;
  return options;
}

// A store with `mails` invitations for the smtp channel and `records` records for the webhook.
class RealServers {
 public:
  RealServers(const json& outbox, double smtp_delay_seconds) : smtp_(slow_server(smtp_delay_seconds)) {
    auto config = base_config(dir_);
    config["plugins"]["smtp"] = {{"plugin", "smtp"}, {"host", "127.0.0.1"}, {"port", smtp_.port()},
                                 {"security", "none"}, {"allow_plaintext", true}};
    config["plugins"]["dossier"] = {{"plugin", "dossier-webhook"}, {"url", webhook_.url()},
                                    {"secret", {{"env", "LOBSYNC_TEST_WEBHOOK_SECRET"}}}};
    if (!outbox.empty()) config["outbox"] = outbox;
    config["log"] = {{"level", "error"}};
    file_ = write_config(dir_, config);
  }

  void fill(int mails, int records) {
    SystemClock clock;
    auto store = store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock);
    for (int i = 0; i < mails; ++i) {
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
      mail_keys_["<kill-" + std::to_string(i) + "@school.example>"] = key;
    }
    for (int i = 0; i < records; ++i) {
      const auto key = "dossier:r-" + std::to_string(i) + ":v1";
      store->outbox().enqueue(key, "dossier", "dossier.push", {{"idempotency_key", key}, {"record", dossier_record(i)}},
                              clock.now());
      record_keys_.insert(key);
    }
  }

  // Debug level: each process logs the calls it starts and records, which tells which calls a
  // kill interrupted.
  std::vector<std::string> dispatch_argv() const {
    return {binary().string(), "dispatch", "--config", file_, "--json", "--log-level", "debug"};
  }

  // Runs two dispatchers at once to their end, no kill.
  void run_two_to_the_end() {
    auto a = Process::start(dispatch_argv(), kEnv);
    auto b = Process::start(dispatch_argv(), kEnv);
    for (auto* p : {&a, &b}) {
      const auto code = p->wait(60s);
      ASSERT_TRUE(code) << "a dispatcher did not finish";
      ASSERT_EQ(*code, 0) << p->drained_stdout() << p->drained_stderr();
    }
  }

  // Deliveries the receivers saw, repeats included.
  int delivered() const {
    int n = webhook_.requests();
    for (const auto& [id, count] : smtp_.message_ids()) n += count;
    return n;
  }

  // Repeats per outbox key (a Message-ID seen n times is n-1 repeats); empty when none.
  std::map<std::string, int> mail_repeats() const {
    std::map<std::string, int> out;
    for (const auto& [id, count] : smtp_.message_ids()) {
      if (count > 1) out[mail_keys_.count(id) ? mail_keys_.at(id) : id] = count - 1;
    }
    return out;
  }
  std::map<std::string, int> record_repeats() const { return webhook_.repeats(); }

  // Items nobody ever received.
  std::vector<std::string> lost() const {
    std::vector<std::string> out;
    const auto ids = smtp_.message_ids();
    for (const auto& [id, key] : mail_keys_) {
      if (!ids.count(id)) out.push_back(key);
    }
    std::set<std::string> stored;
    for (const auto& d : webhook_.deliveries()) stored.insert(d.idempotency_key);
    for (const auto& key : record_keys_) {
      if (!stored.count(key)) out.push_back(key);
    }
    return out;
  }

  // Items of the store not in state sent.
  std::map<std::string, std::int64_t> unsent_counts() const {
    SystemClock clock;
    auto store = store::open_store({"sqlite", dir_ / "state/lobsync.db"}, clock);
    std::map<std::string, std::int64_t> out;
    for (const auto& [state, n] : store->outbox().outbox_counts()) {
      if (state != "sent" && n > 0) out[state] = n;
    }
    return out;
  }

  std::size_t items() const { return mail_keys_.size() + record_keys_.size(); }

 private:
  SmtpServer smtp_;
  WebhookReceiver webhook_;
  ScratchDir dir_;
  std::string file_;
  std::map<std::string, std::string> mail_keys_;  // Message-ID -> outbox key
  std::set<std::string> record_keys_;
};

std::string describe(const std::map<std::string, int>& repeats) {
  std::string out;
  for (const auto& [key, n] : repeats) out += " " + key + " x" + std::to_string(n);
  return out.empty() ? " none" : out;
}

TEST(KillRealServers, TwoDispatchersAtOnceDeliverEverythingExactlyOnce) {
  // A lease far shorter than a batch takes against this slow server: the claims of the batch
  // run out while the first dispatcher still works through it, and the second takes them over.
  RealServers servers({{"lease_seconds", 1}}, 0.1);
  servers.fill(30, 30);
  auto first = Process::start(servers.dispatch_argv(), kEnv);
  std::this_thread::sleep_for(1500ms);  // the untouched claims of the first batch have run out
  auto second = Process::start(servers.dispatch_argv(), kEnv);
  for (auto* p : {&first, &second}) {
    const auto code = p->wait(60s);
    ASSERT_TRUE(code) << "a dispatcher did not finish";
    ASSERT_EQ(*code, 0) << p->drained_stdout() << p->drained_stderr();
  }
  const auto first_log = read_dispatch_log(first.drained_stderr());
  const auto second_log = read_dispatch_log(second.drained_stderr());
  EXPECT_TRUE(servers.lost().empty()) << servers.lost().size() << " never arrived, e.g. " << servers.lost().front();
  EXPECT_TRUE(servers.mail_repeats().empty()) << "mails repeated:" << describe(servers.mail_repeats());
  EXPECT_TRUE(servers.record_repeats().empty()) << "records repeated:" << describe(servers.record_repeats());
  EXPECT_TRUE(servers.unsent_counts().empty());
  EXPECT_TRUE(second_log.called("smtp")) << "the second dispatcher took part (else this proves nothing)";
  std::cout << "[ 2 at once] calls: first " << first_log.started.size() << ", second " << second_log.started.size()
            << "; repeats: 0\n";
}

TEST(KillRealServers, KillsAtRandomMomentsLoseNothingAndRepeatOnlyACallInProgress) {
  constexpr int kRounds = 4;
  // The shipped lease and batch; a server slow enough that calls overlap the kills.
  RealServers servers(json::object(), 0.02);
  servers.fill(400, 400);
  std::mt19937 rng(20261025);  // seeded: the same kill moments every time
  std::vector<DispatchRun> killed;
  for (int round = 0; round < kRounds; ++round) {
    for (auto& run : kill_two_dispatchers(servers.dispatch_argv(), kEnv, [&] { return servers.delivered(); }, rng)) {
      if (run.killed) {
        killed.push_back(std::move(run));
      } else {
        EXPECT_EQ(run.exit_code, 0) << "round " << round << ": " << run.stderr_text;  // finished before its kill
      }
    }
  }
  // The killed processes' claims come back once the shipped lease (30 s) has run out.
  std::this_thread::sleep_for(31s);
  servers.run_two_to_the_end();

  // A kill can only repeat the call its process had in progress on each channel.
  std::map<std::string, int> kills_in_a_call;  // channel -> killed processes with a call there
  std::set<std::string> interrupted;           // keys whose call a kill cut short
  for (const auto& run : killed) {
    std::map<std::string, int> calls;  // one worker per channel: at most one call in progress there
    for (const auto& [key, channel] : run.log.unfinished()) {
      ++calls[channel];
      interrupted.insert(key);
    }
    for (const auto& [channel, n] : calls) {
      EXPECT_EQ(n, 1) << "a killed process had " << n << " calls in progress on " << channel;
      ++kills_in_a_call[channel];
    }
  }
  const auto mail_repeats = servers.mail_repeats();
  const auto record_repeats = servers.record_repeats();
  int mail_total = 0, record_total = 0;
  for (const auto& [key, n] : mail_repeats) {
    mail_total += n;
    EXPECT_TRUE(interrupted.count(key)) << key << " was repeated although no kill interrupted its call";
  }
  for (const auto& [key, n] : record_repeats) {
    record_total += n;
    EXPECT_TRUE(interrupted.count(key)) << key << " was repeated although no kill interrupted its call";
  }
  EXPECT_LE(mail_total, kills_in_a_call["smtp"]) << "mails repeated:" << describe(mail_repeats);
  EXPECT_LE(record_total, kills_in_a_call["dossier"]) << "records repeated:" << describe(record_repeats);
  const auto lost = servers.lost();
  EXPECT_TRUE(lost.empty()) << lost.size() << " never arrived, e.g. " << lost.front();
  EXPECT_TRUE(servers.unsent_counts().empty());
  std::cout << "[ kill -9  ] " << kRounds << " rounds of 2 dispatchers, " << killed.size() << " killed ("
            << kills_in_a_call["smtp"] << " in an SMTP call, " << kills_in_a_call["dossier"]
            << " in a webhook call); mails repeated: " << mail_total << ", records repeated: " << record_total << "\n";
}

}  // namespace
}  // namespace lobsync::test::kill_real_servers_test
