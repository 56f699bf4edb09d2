#include "support/webhook_receiver.h"

#include <algorithm>
#include <csignal>
#include <stdexcept>

namespace lobsync::test {

namespace {

constexpr const char* kSecretEnv = "LOBSYNC_TEST_WEBHOOK_SECRET";

std::vector<std::string> command(const WebhookReceiverOptions& o, const std::filesystem::path& out) {
  std::vector<std::string> argv{python(),       (source_dir() / "tests/fakes/webhook/webhook_receiver.py").string(),
                                "--port",       "0",
                                "--out",        out.string(),
                                "--secret-env", kSecretEnv,
                                "--max-age",    std::to_string(o.max_age_seconds)};
  if (o.fail_first > 0) argv.insert(argv.end(), {"--fail-first", std::to_string(o.fail_first)});
  if (o.answer_status > 0) argv.insert(argv.end(), {"--answer", std::to_string(o.answer_status)});
  return argv;
}

}  // namespace

WebhookReceiver::WebhookReceiver(WebhookReceiverOptions options)
    : process_(Process::start(command(options, out_.path()), {{kSecretEnv, options.secret}})) {
  const std::string line =
      process_.wait_for_stdout_line([](const std::string&) { return true; }, std::chrono::seconds(30));
  try {
    port_ = std::stoi(line);
  } catch (const std::exception&) {
    throw std::runtime_error("webhook_receiver.py printed '" + line + "' instead of its port");
  }
}

WebhookReceiver::~WebhookReceiver() {
  // A graceful stop first; the Process destructor still kills the whole group should it hang.
  try {
    process_.signal(SIGTERM);
    process_.wait(std::chrono::seconds(5));
  } catch (...) {
  }
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<WebhookDelivery> WebhookReceiver::deliveries() const {
  std::vector<WebhookDelivery> out;
  for (const auto& entry : std::filesystem::directory_iterator(out_.path())) {
    const auto& file = entry.path();
    // <n>.json only: stats.json and temporary files are not deliveries.
    if (file.extension() != ".json" || file.stem().string().find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const auto doc = nlohmann::json::parse(read_file(file));
    WebhookDelivery d;
    d.n = doc.at("n").get<int>();
    d.idempotency_key = doc.at("idempotency_key").get<std::string>();
    d.timestamp = doc.at("timestamp").get<std::int64_t>();
    d.body = doc.at("body");
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const WebhookDelivery& a, const WebhookDelivery& b) { return a.n < b.n; });
  return out;
}

nlohmann::json WebhookReceiver::stats() const { return nlohmann::json::parse(read_file(out_.path() / "stats.json")); }

int WebhookReceiver::duplicates_refused() const { return stats().at("duplicates").get<int>(); }

std::map<std::string, int> WebhookReceiver::repeats() const {
  return stats().at("repeats").get<std::map<std::string, int>>();
}

int WebhookReceiver::requests() const { return stats().at("requests").get<int>(); }

std::vector<std::string> WebhookReceiver::rejections() const {
  return stats().at("rejected").get<std::vector<std::string>>();
}

std::string WebhookReceiver::describe() const {
  std::string out = "receiver stats: " + stats().dump() + "\n";
  for (const auto& d : deliveries()) out += std::to_string(d.n) + " " + d.idempotency_key + "\n";
  return out;
}

}  // namespace lobsync::test
