// smtp: a mailer that hands finished RFC 5322 messages to an SMTP server (a relay such as
// Microsoft 365, Google or the school's own MTA) with libcurl. The host builds every message;
// this plugin only transports it, one SMTP transaction per recipient so that each recipient's
// status is exact and one bad address does not sink the others.
#include "outcome.hpp"
#include "request.hpp"
#include "sent_memory.hpp"
#include "settings.hpp"
#include "transport.hpp"

#include <lobsync/oauth2_settings.hpp>
#include <lobsync/plugin_sdk.hpp>

#include <fstream>
#include <optional>

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class Smtp final : public lobsync::sdk::Plugin {
 public:
  Smtp(lobsync::sdk::Host& host, const json& raw_settings)
      : host_(host), settings_(smtp::parse_settings(raw_settings)), transport_(settings_) {
    if (!settings_.ca_file.empty() && !std::ifstream(settings_.ca_file)) {
      throw Error(LOBSYNC_E_CONFIG, "ca_file " + settings_.ca_file + " cannot be read");
    }
    if (settings_.auth == smtp::Auth::password) password();  // fails now, not at 3 a.m.
    if (settings_.auth == smtp::Auth::microsoft || settings_.auth == smtp::Auth::google) start_oauth();
    if (!settings_.verify_tls && settings_.security != smtp::Security::none) {
      host_.warn("verify_tls is false: the certificate of " + server() +
                 " is not checked, so anyone in between can read the mail and the password");
    }
  }

  static const lobsync::sdk::settings::Declaration& settings() { return smtp::declared_settings(); }

  // mail.send → one {"recipient","status","code"} per recipient, in request order.
  void call(std::string_view operation, const json& request, lobsync::sdk::Emitter& out) override {
    if (operation != "mail.send") throw Error(LOBSYNC_E_NOT_SUPPORTED, "unknown operation");
    const smtp::MailRequest mail = smtp::parse_request(request);
    // Resolved per call, so a rotated password file takes effect without a restart; a token
    // comes from the cache until shortly before it expires.
    std::string secret;
    if (settings_.auth == smtp::Auth::password) secret = password();
    if (tokens_) secret = tokens_->token();

    smtp::Outcome outcome(server());
    for (const auto& recipient : mail.recipients) {
      if (outcome.stopped()) {
        // The same failure would meet this recipient too: not tried, so retry later.
        outcome.add_not_tried();
        out.emit({{"recipient", recipient}, {"status", "deferred"}, {"code", 0}});
        continue;
      }
      if (sent_.contains(mail.idempotency_key, recipient)) {
        outcome.add_duplicate();
        out.emit({{"recipient", recipient}, {"status", "sent"}, {"code", 250}, {"duplicate", true}});
        continue;
      }
      smtp::Attempt attempt = transport_.send(mail.from, recipient, mail.message, secret);
      smtp::Verdict verdict = smtp::classify(attempt);
      if (verdict.stop == smtp::Stop::auth && tokens_) {
        // A token refused before its lifetime says so (revoked, or the tenant changed its mind):
        // one new token, one more try. A refusal of the new one stops the call as AUTH.
        host_.info("the SMTP server refused the access token (reply " + std::to_string(attempt.reply) +
                   "), requesting a new one");
        secret = tokens_->renew();
        attempt = transport_.send(mail.from, recipient, mail.message, secret);
        verdict = smtp::classify(attempt);
      }
      outcome.add(verdict, attempt);
      if (verdict.delivery == smtp::Delivery::sent) sent_.add(mail.idempotency_key, recipient);
      log_attempt(recipient, verdict, attempt);
      out.emit({{"recipient", recipient}, {"status", smtp::delivery_name(verdict.delivery)}, {"code", attempt.reply}});
    }
    if (outcome.status() != LOBSYNC_OK) throw Error(outcome.status(), outcome.message());
  }

  // Reports the configuration without connecting: a probe would open (and keep) a connection
  // the next message may not need for a long time.
  json health() override {
    return {{"ok", true},
            {"host", settings_.host},
            {"port", settings_.port},
            {"security", smtp::security_name(settings_.security)},
            {"auth", settings_.auth == smtp::Auth::microsoft ? "oauth2 (Microsoft 365)"
                     : settings_.auth == smtp::Auth::google  ? "oauth2 (Google)"
                     : settings_.auth == smtp::Auth::password ? "password"
                                                              : "none"}};
  }

 private:
  std::string server() const { return settings_.host + ":" + std::to_string(settings_.port); }

  // The token source for XOAUTH2. The grant is built once here (secrets resolved, key and
  // certificate read and matched), so a broken credential fails at start, not at the first mail.
  void start_oauth() {
    namespace oauth2 = lobsync::sdk::oauth2;
    const lobsync::sdk::settings::Values values(smtp::declared_settings().settings, settings_.raw);
    const bool google = settings_.auth == smtp::Auth::google;
    auto grant = google ? oauth2::google_grant(host_, values, smtp::kGmailScope, settings_.username)
                        : oauth2::microsoft_grant(host_, values, smtp::kExchangeSmtpScope);
    grant(host_.now_unix_ms());
    const std::string url = google ? values.text("google_token_url") : oauth2::microsoft_token_url(values);
    const std::string what = google ? "mailbox " + settings_.username : "tenant " + values.text("tenant");
    tokens_.emplace(host_, url, what, std::move(grant));
  }

  // The SDK's message says only that resolving failed; this one names the setting and the
  // reference (a variable or file name, never a value).
  std::string password() const {
    try {
      return host_.secret(settings_.password);
    } catch (const Error& e) {
      throw Error(e.status(), "password: the secret " + settings_.password.dump() + " could not be resolved");
    }
  }

  // The recipient's domain at most: the address is personal data.
  void log_attempt(const std::string& recipient, const smtp::Verdict& verdict, const smtp::Attempt& attempt) const {
    const std::string who = "recipient at " + std::string(smtp::domain_of(recipient));
    const std::string reply = " (reply " + std::to_string(attempt.reply) + ")";
    switch (verdict.delivery) {
      case smtp::Delivery::sent:
        host_.debug("sent to " + who + reply + (attempt.new_connection ? ", new connection" : ", reused connection"));
        break;
      case smtp::Delivery::rejected: host_.warn(who + " rejected" + reply + ": " + attempt.error); break;
      case smtp::Delivery::deferred: host_.warn(who + " deferred" + reply + ": " + attempt.error); break;
    }
  }

  lobsync::sdk::Host& host_;
  smtp::Settings settings_;
  smtp::Transport transport_;
  smtp::SentMemory sent_;
  std::optional<lobsync::sdk::oauth2::TokenSource> tokens_;  // with auth oauth2
};

}  // namespace

LOBSYNC_PLUGIN(Smtp, "smtp", "1.0.0", "Sends finished messages over SMTP (STARTTLS, SMTPS) with libcurl",
               LOBSYNC_CAP_MAILER)
