// Settings as `lobsync config check` reports them (JSON pointers under /plugins/<instance>),
// defaults as health shows them, and create refusing what check refuses.
#include "smtp_fixture.h"

#include "plugin_host/settings_check.h"

namespace lobsync::plugin_host::smtp_settings_test {
namespace {

using nlohmann::json;

class SmtpSettingsTest : public SmtpPluginTest {
 protected:
  std::vector<config::Problem> check(const json& s) {
    config::Config config;
    config::PluginInstanceSettings instance;
    instance.instance = "mail";
    instance.plugin = "smtp";
    instance.settings = s;
    config.plugins = {instance};
    return check_plugin_settings(config, catalog_);
  }
  static bool has(const std::vector<config::Problem>& problems, const std::string& path, const std::string& text) {
    for (const auto& p : problems) {
      if (p.path == path && p.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
  static std::string dump(const std::vector<config::Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.path + ": " + p.message + "\n";
    return out;
  }
  json health_of(const json& settings) {
    auto instance = make(settings);
    json health;
    EXPECT_TRUE(instance->health(health).ok());
    return health;
  }
};

TEST_F(SmtpSettingsTest, AMicrosoft365RelayPasses) {
  const json s{{"host", "smtp.office365.com"},
               {"port", 587},
               {"security", "starttls"},
               {"username", "planner@school.example"},
               {"password", {{"env", kPasswordEnv}}},  // check resolves it: it must exist
               {"helo_name", "planner.school.example"},
               {"timeout_seconds", 60}};
  const auto problems = check(s);
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(SmtpSettingsTest, ALoopbackRelayWithoutTlsPassesOnlyWhenAllowed) {
  const json allowed{{"host", "127.0.0.1"}, {"security", "none"}, {"allow_plaintext", true}};
  EXPECT_TRUE(check(allowed).empty()) << dump(check(allowed));
  const json refused{{"host", "127.0.0.1"}, {"security", "none"}};
  EXPECT_TRUE(has(check(refused), "/plugins/mail/security", "allow_plaintext")) << dump(check(refused));
}

TEST_F(SmtpSettingsTest, EachBadSettingIsNamed) {
  const json s{{"host", "smtp://mail.example:25"},
               {"port", 70000},
               {"security", "tls"},
               {"allow_plaintext", "yes"},
               {"ca_file", ""},
               {"verify_tls", "no"},
               {"timeout_seconds", 0},
               {"helo_name", "bad name"},
               {"hots", "typo"}};
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/mail/host", "host name or an IP address")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/port", "1 to 65535")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/security", "\"starttls\", \"smtps\" or \"none\"")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/allow_plaintext", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/ca_file", "non-empty file name")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/verify_tls", "true or false")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/timeout_seconds", "1 to 600")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/helo_name", "domain name")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/hots", "unknown setting")) << dump(problems);
}

TEST_F(SmtpSettingsTest, AMissingHostIsNamed) {
  EXPECT_TRUE(has(check(json::object()), "/plugins/mail/host", "missing"));
  EXPECT_TRUE(has(check(json{{"host", 25}}), "/plugins/mail/host", "host name"));
  EXPECT_TRUE(has(check(json{{"host", "user@mail.example"}}), "/plugins/mail/host", "host name"));
}

TEST_F(SmtpSettingsTest, UsernameAndPasswordGoTogether) {
  EXPECT_TRUE(has(check(json{{"host", "mail.example"}, {"username", "u"}}), "/plugins/mail/password", "missing"));
  EXPECT_TRUE(has(check(json{{"host", "mail.example"}, {"password", {{"env", "X"}}}}), "/plugins/mail/username",
                  "missing"));
}

TEST_F(SmtpSettingsTest, AnInlinePasswordIsRefusedWithoutBeingEchoed) {
  const json s{{"host", "mail.example"}, {"username", "u"}, {"password", "plain-Text-Password"}};
  const auto problems = check(s);
  EXPECT_TRUE(has(problems, "/plugins/mail/password", "secret reference")) << dump(problems);
  EXPECT_EQ(dump(problems).find("plain-Text-Password"), std::string::npos);
}

TEST_F(SmtpSettingsTest, CredentialsAreNeverSentWithoutTls) {
  const json s{{"host", "127.0.0.1"}, {"security", "none"}, {"allow_plaintext", true},
               {"username", "u"}, {"password", {{"env", kPasswordEnv}}}};
  EXPECT_TRUE(has(check(s), "/plugins/mail/username", "never sent without TLS")) << dump(check(s));
}

TEST_F(SmtpSettingsTest, PortsDefaultBySecurity) {
  EXPECT_EQ(health_of(json{{"host", "mail.example"}})["port"], 587);
  EXPECT_EQ(health_of(json{{"host", "mail.example"}})["security"], "starttls");
  EXPECT_EQ(health_of(json{{"host", "mail.example"}, {"security", "smtps"}})["port"], 465);
  EXPECT_EQ(health_of(json{{"host", "127.0.0.1"}, {"security", "none"}, {"allow_plaintext", true}})["port"], 25);
  EXPECT_EQ(health_of(json{{"host", "mail.example"}, {"security", "smtps"}, {"port", 2465}})["port"], 2465);
}

TEST_F(SmtpSettingsTest, AddressLiteralsAndIpv6HostsAreAccepted) {
  const json s{{"host", "::1"}, {"helo_name", "[192.0.2.1]"}};
  EXPECT_TRUE(check(s).empty()) << dump(check(s));
  const json bracketed{{"host", "[::1]"}, {"helo_name", "[IPv6:2001:db8::1]"}};
  EXPECT_TRUE(check(bracketed).empty()) << dump(check(bracketed));
}

TEST_F(SmtpSettingsTest, CreateRefusesBadSettingsAsAConfigError) {
  std::string error;
  EXPECT_FALSE(try_make(json{{"host", "mail.example"}, {"port", "587"}}, error));
  EXPECT_NE(error.find("/port"), std::string::npos) << error;
}

TEST_F(SmtpSettingsTest, CreateRefusesAnUnreadableCaFile) {
  std::string error;
  EXPECT_FALSE(try_make(json{{"host", "mail.example"}, {"ca_file", (scratch_ / "missing.pem").string()}}, error));
  EXPECT_NE(error.find("ca_file"), std::string::npos) << error;
}

}  // namespace
}  // namespace lobsync::plugin_host::smtp_settings_test

namespace lobsync::plugin_host::smtp_settings_test {
namespace {

using nlohmann::json;

class OAuthSettingsTest : public SmtpSettingsTest {
 protected:
  static json oauth(json extra) {
    json s{{"host", "smtp.office365.com"}, {"auth", "oauth2"}, {"username", "planner@school.example"}};
    s.update(extra);
    return s;
  }
};

TEST_F(OAuthSettingsTest, AnExchangeOnlineAppWithASecretPasses) {
  const auto problems = check(oauth({{"tenant", "school.example"},
                                     {"client_id", "11111111-2222-3333-4444-555555555555"},
                                     {"client_secret", {{"env", kPasswordEnv}}}}));
  EXPECT_TRUE(problems.empty()) << dump(problems);
}

TEST_F(OAuthSettingsTest, EachMissingOrConflictingCredentialIsNamed) {
  EXPECT_TRUE(has(check(oauth({{"client_id", "x"}, {"client_secret", {{"env", kPasswordEnv}}}})), "/plugins/mail/tenant",
                  "missing"));
  EXPECT_TRUE(has(check(oauth({{"tenant", "t"}, {"client_secret", {{"env", kPasswordEnv}}}})), "/plugins/mail/client_id",
                  "missing"));
  EXPECT_TRUE(has(check(oauth({{"tenant", "t"}, {"client_id", "x"}})), "/plugins/mail/client_secret",
                  "certificate + private_key"));
  const auto both = check(oauth({{"tenant", "t"}, {"client_id", "x"}, {"client_secret", {{"env", kPasswordEnv}}},
                                 {"certificate", "/etc/hosts"}, {"private_key", {{"env", kPasswordEnv}}}}));
  EXPECT_TRUE(has(both, "/plugins/mail/client_secret", "not both")) << dump(both);
  EXPECT_TRUE(has(check(oauth({{"tenant", "t"}, {"client_id", "x"}, {"certificate", "/etc/hosts"}})),
                  "/plugins/mail/private_key", "missing"));
  EXPECT_TRUE(has(check(oauth({{"tenant", "a/b"}, {"client_id", "x"}, {"client_secret", {{"env", kPasswordEnv}}}})),
                  "/plugins/mail/tenant", "directory (tenant) ID"));
  const json no_user{{"host", "h"}, {"auth", "oauth2"}, {"service_account_key", {{"env", kPasswordEnv}}}};
  EXPECT_TRUE(has(check(no_user), "/plugins/mail/username", "the mailbox that sends"));
  EXPECT_TRUE(has(check(oauth({{"service_account_key", {{"env", kPasswordEnv}}}, {"tenant", "t"}})),
                  "/plugins/mail/service_account_key", "not both"));
  EXPECT_TRUE(has(check(oauth({{"password", {{"env", kPasswordEnv}}}, {"service_account_key", {{"env", kPasswordEnv}}}})),
                  "/plugins/mail/password", "token replaces the password"));
}

TEST_F(OAuthSettingsTest, OAuthSettingsWithoutAuthOauth2AreRefused) {
  const auto problems = check(json{{"host", "h"}, {"tenant", "t"}, {"client_id", "x"}});
  EXPECT_TRUE(has(problems, "/plugins/mail/tenant", "only with \"auth\": \"oauth2\"")) << dump(problems);
  EXPECT_TRUE(has(problems, "/plugins/mail/client_id", "only with")) << dump(problems);
}

TEST_F(OAuthSettingsTest, TokensNeverTravelWithoutTls) {
  const json s{{"host", "127.0.0.1"}, {"security", "none"}, {"allow_plaintext", true}, {"auth", "oauth2"},
               {"username", "u@x.example"}, {"service_account_key", {{"env", kPasswordEnv}}}};
  EXPECT_TRUE(has(check(s), "/plugins/mail/username", "never sent without TLS")) << dump(check(s));
}

}  // namespace
}  // namespace lobsync::plugin_host::smtp_settings_test
