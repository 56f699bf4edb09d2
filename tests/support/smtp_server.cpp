#include "support/smtp_server.h"

#include <algorithm>
#include <csignal>
#include <stdexcept>
#include <thread>

namespace lobsync::test {

namespace {

bool is_ip_address(const std::string& host) {
  return !host.empty() && (host.find(':') != std::string::npos ||
                           host.find_first_not_of("0123456789.") == std::string::npos);
}

void add_each(std::vector<std::string>& argv, const char* flag, const std::vector<std::string>& values) {
  for (const auto& v : values) argv.insert(argv.end(), {flag, v});
}

}  // namespace

TlsFiles make_self_signed_cert(const std::filesystem::path& dir, const std::string& host) {
  TlsFiles files{dir / (host + ".crt"), dir / (host + ".key")};
  const std::string san = (is_ip_address(host) ? "subjectAltName=IP:" : "subjectAltName=DNS:") + host;
  const auto result = run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                           "-nodes", "-days", "2", "-subj", "/CN=" + host, "-addext", san, "-keyout",
                           files.key.string(), "-out", files.cert.string()},
                          std::chrono::seconds(60));
  if (result.exit_code != 0) throw std::runtime_error("openssl req failed: " + result.err);
  return files;
}

TlsFiles make_rsa_signing_cert(const std::filesystem::path& dir, const std::string& name, int bits) {
  TlsFiles files{dir / (name + ".crt"), dir / (name + ".key")};
  const auto result = run({"openssl", "req", "-x509", "-newkey", "rsa:" + std::to_string(bits), "-nodes", "-days", "2",
                           "-subj", "/CN=" + name, "-keyout", files.key.string(), "-out", files.cert.string()},
                          std::chrono::seconds(60));
  if (result.exit_code != 0) throw std::runtime_error("openssl req failed: " + result.err);
  std::filesystem::permissions(files.key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return files;
}

SmtpServer::SmtpServer(SmtpServerOptions options)
    : process_(Process::start(command(options, out_.path()))) {
  const std::string line =
      process_.wait_for_stdout_line([](const std::string&) { return true; }, std::chrono::seconds(30));
  try {
    port_ = std::stoi(line);
  } catch (const std::exception&) {
    throw std::runtime_error("smtp_server.py printed '" + line + "' instead of its port");
  }
  if (!options.oauth_config.empty()) {
    const std::string token = process_.wait_for_stdout_line(
        [](const std::string& l) { return l.starts_with("TOKEN_PORT "); }, std::chrono::seconds(30));
    token_port_ = std::stoi(token.substr(11));
  }
}

SmtpServer::~SmtpServer() {
  // A graceful stop first, so the server's own cleanup runs; the Process destructor still kills
  // the whole group should it hang.
  try {
    process_.signal(SIGTERM);
    process_.wait(std::chrono::seconds(5));
  } catch (...) {
  }
}

std::vector<std::string> SmtpServer::command(const SmtpServerOptions& o, const std::filesystem::path& out) {
  std::vector<std::string> argv{python(), (source_dir() / "tests/fakes/smtp/smtp_server.py").string(),
                                "--port", "0", "--out", out.string()};
  using Security = SmtpServerOptions::Security;
  if (o.security != Security::none) {
    if (o.tls.cert.empty() || o.tls.key.empty()) throw std::invalid_argument("SmtpServer: TLS needs cert and key");
    argv.insert(argv.end(), {o.security == Security::starttls ? "--starttls" : "--smtps", o.tls.cert.string(),
                             o.tls.key.string()});
  }
  if (!o.auth.empty()) argv.insert(argv.end(), {"--auth", o.auth});
  if (!o.oauth_config.empty()) argv.insert(argv.end(), {"--oauth", o.oauth_config.string()});
  add_each(argv, "--auth-mech", o.auth_mechanisms);
  add_each(argv, "--reject", o.reject);
  add_each(argv, "--tempfail", o.tempfail);
  add_each(argv, "--reject-sender", o.reject_sender);
  add_each(argv, "--reject-data", o.reject_data);
  add_each(argv, "--tempfail-data", o.tempfail_data);
  if (o.idle_timeout_seconds) argv.insert(argv.end(), {"--idle-timeout", std::to_string(*o.idle_timeout_seconds)});
  if (o.hangup_after) argv.insert(argv.end(), {"--hangup-after", std::to_string(*o.hangup_after)});
  if (o.delay_seconds) argv.insert(argv.end(), {"--delay", std::to_string(*o.delay_seconds)});
  return argv;
}

std::vector<SmtpMessage> SmtpServer::messages() const {
  std::vector<SmtpMessage> out;
  for (const auto& entry : std::filesystem::directory_iterator(out_.path())) {
    const auto& file = entry.path();
    // <n>.json only: connections.json and temporary files are not messages.
    if (file.extension() != ".json" || file.stem().string().find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    SmtpMessage m;
    m.meta = nlohmann::json::parse(read_file(file));
    m.n = m.meta.at("n").get<int>();
    m.connection = m.meta.at("connection").get<int>();
    m.mail_from = m.meta.at("mail_from").get<std::string>();
    m.rcpt = m.meta.at("rcpt").get<std::string>();
    m.helo = m.meta.value("helo", std::string());
    m.tls = m.meta.at("tls").get<bool>();
    if (m.meta["authenticated_as"].is_string()) m.authenticated_as = m.meta["authenticated_as"].get<std::string>();
    // The server renames the .eml into place before the .json, so it is complete here.
    m.raw = read_file(out_.path() / (file.stem().string() + ".eml"));
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const SmtpMessage& a, const SmtpMessage& b) { return a.n < b.n; });
  return out;
}

std::map<std::string, int> SmtpServer::message_ids() const {
  return nlohmann::json::parse(read_file(out_.path() / "message_ids.json")).get<std::map<std::string, int>>();
}

nlohmann::json SmtpServer::connection_counts() const {
  return nlohmann::json::parse(read_file(out_.path() / "connections.json"));
}

nlohmann::json SmtpServer::auth_counts() const {
  const auto file = out_.path() / "auth.json";
  if (!std::filesystem::exists(file)) return {{"xoauth2_ok", 0}, {"xoauth2_refused", 0}};
  return nlohmann::json::parse(read_file(file));
}

int SmtpServer::connections() const { return connection_counts().at("opened").get<int>(); }

int SmtpServer::closed_connections() const { return connection_counts().at("closed").get<int>(); }

void SmtpServer::wait_for_closed_connections(int count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (closed_connections() < count) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("the SMTP server saw " + std::to_string(closed_connections()) + " of " +
                               std::to_string(count) + " connections closed");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace lobsync::test
