// Drives the smtp plugin through the real host (catalog scan, instance, calls) against a real
// SMTP server on loopback (tests/fakes/smtp/smtp_server.py).
#pragma once

#include "net/http_client.h"
#include "plugin_host/instance.h"

#include "support/smtp_server.h"
#include "support/test_env.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace lobsync::plugin_host {

// A message as the host builds it: CRLF, a line that is only ".", one starting with "." (both
// need dot-stuffing on the wire) and an 8-bit-safe quoted-printable body.
inline constexpr const char* kMessage =
    "From: LOB-planner <planner@school.test>\r\n"
    "To: ouder@example.test\r\n"
    "Subject: =?UTF-8?Q?Uitnodiging_LOB-gesprek?=\r\n"
    "Date: Mon, 30 Mar 2026 09:00:00 +0200\r\n"
    "Message-ID: <0123456789abcdef0123456789abcdef@school.test>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Beste ouder,\r\n"
    ".\r\n"
    ".. twee punten, en een regel die met een punt begint\r\n"
    "Tot ziens in het caf=C3=A9 van school\r\n";

class SmtpPluginTest : public ::testing::Test {
 protected:
  static constexpr const char* kPasswordEnv = "LOBSYNC_TEST_SMTP_PASSWORD";
  static constexpr const char* kUser = "planner@school.test";
  static constexpr const char* kPassword = "app-Password-4711";

  SmtpPluginTest()
      : clock_(instant_from_unix_ms(1'790'000'000'000)),
        services_(clock_, http_),
        catalog_(PluginCatalog::scan({test::plugin_dir()})) {
    ::setenv(kPasswordEnv, kPassword, 1);
  }

  // A plain relay on loopback: what tests use unless they test TLS or AUTH.
  static nlohmann::json plain_settings(const test::SmtpServer& server) {
    return {{"host", "127.0.0.1"},     {"port", server.port()},    {"security", "none"},
            {"allow_plaintext", true}, {"timeout_seconds", 10}, {"helo_name", "planner.school.test"}};
  }

  static nlohmann::json tls_settings(const test::SmtpServer& server, const std::string& security,
                                     const test::TlsFiles& tls) {
    return {{"host", "127.0.0.1"},
            {"port", server.port()},
            {"security", security},
            {"ca_file", tls.cert.string()},
            {"timeout_seconds", 10}};
  }

  static nlohmann::json with_login(nlohmann::json settings) {
    settings["username"] = kUser;
    settings["password"] = {{"env", kPasswordEnv}};
    return settings;
  }

  static nlohmann::json mail(const std::vector<std::string>& recipients, const std::string& message = kMessage,
                             const std::string& key = "outbox-1") {
    return {{"idempotency_key", key}, {"from", "bounces@school.test"}, {"recipients", recipients}, {"message", message}};
  }

  std::unique_ptr<PluginInstance> try_make(const nlohmann::json& settings, std::string& error) {
    const auto* loaded = catalog_.find("smtp");
    if (loaded == nullptr) throw std::runtime_error("plugin smtp not loaded from " + test::plugin_dir().string());
    return PluginInstance::create(*loaded, "smtp-test", settings, services_, error);
  }

  std::unique_ptr<PluginInstance> make(const nlohmann::json& settings) {
    std::string error;
    auto instance = try_make(settings, error);
    if (!instance) throw std::runtime_error("create failed: " + error);
    return instance;
  }

  struct Sent {
    CallResult result;
    std::vector<nlohmann::json> docs;
  };

  static Sent send(PluginInstance& instance, const nlohmann::json& request) {
    Sent sent;
    sent.result = instance.call("mail.send", request, [&](std::string_view doc) {
      sent.docs.push_back(nlohmann::json::parse(doc));
      return true;
    });
    return sent;
  }

  static nlohmann::json result_doc(const std::string& recipient, const std::string& status, int code) {
    return {{"recipient", recipient}, {"status", status}, {"code", code}};
  }

  test::ScratchDir scratch_;
  ManualClock clock_;
  net::HttpClient http_;
  HostServices services_;
  PluginCatalog catalog_;
};

}  // namespace lobsync::plugin_host
