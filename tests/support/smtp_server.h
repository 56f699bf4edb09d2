// Starts tests/fakes/smtp/smtp_server.py (a real SMTP server on aiosmtpd) on a free loopback
// port for one test and reads back what it received. The server and its output folder go away
// with the object, also when the test fails.
#pragma once

#include "support/process.h"
#include "support/test_env.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lobsync::test {

// A certificate and its private key as PEM files. Self-signed certificates double as their own CA.
struct TlsFiles {
  std::filesystem::path cert;
  std::filesystem::path key;
};

// Makes a self-signed certificate (EC P-256, valid 2 days) for `host` into `dir` with the openssl
// CLI: an IP SAN for an address, a DNS SAN for a name.
TlsFiles make_self_signed_cert(const std::filesystem::path& dir, const std::string& host = "127.0.0.1");

// Makes an RSA key (PKCS#8 PEM, `bits` long, mode 0600) and a self-signed certificate for it,
// CN `name`, with the openssl CLI: an app's credential for signed OAuth client assertions.
TlsFiles make_rsa_signing_cert(const std::filesystem::path& dir, const std::string& name, int bits = 2048);

struct SmtpServerOptions {
  enum class Security { none, starttls, smtps };
  Security security = Security::none;
  TlsFiles tls;                              // required for starttls and smtps
  std::string auth;                          // "user:password": AUTH required; empty: no AUTH
  std::vector<std::string> auth_mechanisms;  // subset of PLAIN, LOGIN, XOAUTH2; empty: all configured
  // The fake OAuth token endpoint's config (tests/fakes/oauth/token_server.py): runs it in the
  // server's process (token_port()) and requires AUTH, accepting XOAUTH2 with its tokens.
  std::filesystem::path oauth_config;
  // Scripted replies: an address (or, for *_data, the content) containing one of these gets it.
  std::vector<std::string> reject;         // RCPT 550 5.1.1
  std::vector<std::string> tempfail;       // RCPT 451 4.3.0
  std::vector<std::string> reject_sender;  // MAIL FROM 550 5.7.1
  std::vector<std::string> reject_data;    // end of DATA 554 5.6.0
  std::vector<std::string> tempfail_data;  // end of DATA 451 4.3.0
  std::optional<double> idle_timeout_seconds;  // the server closes silent connections after this
  // Drops a connection without any reply when MAIL FROM opens its transaction number N+1.
  std::optional<int> hangup_after;
  // Waits this long at the end of DATA before accepting and answering (a slow server).
  std::optional<double> delay_seconds;
};

// One delivered copy: the server stores a message once per accepted recipient.
struct SmtpMessage {
  int n = 0;           // order of arrival, from 1
  int connection = 0;  // which TCP connection (from 1) carried it
  std::string mail_from;
  std::string rcpt;
  std::string helo;    // the name the client gave in EHLO/HELO
  bool tls = false;    // the session was encrypted (STARTTLS or implicit TLS)
  std::string authenticated_as;  // empty without AUTH
  nlohmann::json meta;           // everything the server recorded (mail_options, rcpt_options, …)
  std::string raw;               // the content as received, byte for byte
};

class SmtpServer {
 public:
  explicit SmtpServer(SmtpServerOptions options = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  int token_port() const { return token_port_; }  // with oauth_config
  // {"xoauth2_ok": n, "xoauth2_refused": m} so far.
  nlohmann::json auth_counts() const;
  std::vector<SmtpMessage> messages() const;  // sorted by arrival
  // Accepted transactions per Message-ID header value ("<id@host>"), repeats included.
  std::map<std::string, int> message_ids() const;
  int connections() const;                    // TCP connections opened so far
  int closed_connections() const;
  // Polls until the server has seen `count` connections closed; throws after `timeout`.
  void wait_for_closed_connections(int count, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  const std::filesystem::path& out_dir() const { return out_.path(); }
  Process& process() { return process_; }

 private:
  static std::vector<std::string> command(const SmtpServerOptions& options, const std::filesystem::path& out);
  nlohmann::json connection_counts() const;

  ScratchDir out_;    // declared before process_: the server stops before its folder goes
  Process process_;
  int port_ = 0;
  int token_port_ = 0;
};

}  // namespace lobsync::test
