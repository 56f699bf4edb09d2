#include "outcome.hpp"

namespace smtp {

namespace {

bool is_tls_failure(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return true;
    default:
      return false;
  }
}

// 530 authentication required, 534 mechanism too weak, 535 credentials invalid, 538 encryption
// required for the mechanism (RFC 4954). 454 is a temporary AUTH failure and stays deferred.
bool is_auth_refusal(const Attempt& a) {
  return a.curl == CURLE_LOGIN_DENIED || a.reply == 530 || a.reply == 534 || a.reply == 535 || a.reply == 538;
}

// No usable server: every later recipient would wait for the same timeout.
bool is_unreachable(const Attempt& a) {
  return a.reply == 0 || a.curl == CURLE_COULDNT_RESOLVE_HOST || a.curl == CURLE_COULDNT_CONNECT ||
         a.curl == CURLE_OPERATION_TIMEDOUT;
}

std::string reply_text(const Attempt& a) {
  std::string text = "reply " + std::to_string(a.reply);
  if (!a.error.empty()) text += ": " + a.error;
  return text;
}

}  // namespace

Verdict classify(const Attempt& a) {
  if (a.curl == CURLE_OK) return {Delivery::sent, Stop::none};
  if (is_tls_failure(a.curl)) return {Delivery::deferred, Stop::tls};
  if (is_auth_refusal(a)) return {Delivery::deferred, Stop::auth};
  if (a.reply >= 500 && a.reply <= 599) return {Delivery::rejected, Stop::none};
  if (a.reply >= 400 && a.reply <= 499) return {Delivery::deferred, Stop::none};
  if (is_unreachable(a)) return {Delivery::deferred, Stop::connection};
  // Broken off after a positive reply (e.g. the connection dropped during DATA): try again later.
  return {Delivery::deferred, Stop::none};
}

const char* delivery_name(Delivery delivery) {
  switch (delivery) {
    case Delivery::sent: return "sent";
    case Delivery::rejected: return "rejected";
    case Delivery::deferred: return "deferred";
  }
  return "deferred";
}

void Outcome::add(const Verdict& verdict, const Attempt& attempt) {
  switch (verdict.delivery) {
    case Delivery::sent: ++sent_; break;
    case Delivery::rejected:
      ++rejected_;
      last_rejected_ = attempt;
      break;
    case Delivery::deferred:
      ++deferred_;
      last_deferred_ = attempt;
      break;
  }
  if (verdict.stop != Stop::none && stop_ == Stop::none) {
    stop_ = verdict.stop;
    stop_attempt_ = attempt;
  }
}

lobsync_status Outcome::status() const {
  if (stop_ == Stop::auth) return LOBSYNC_E_AUTH;
  if (stop_ != Stop::none || deferred_ > 0) return LOBSYNC_E_UNAVAILABLE;
  if (rejected_ > 0) return LOBSYNC_E_PERMANENT;
  return LOBSYNC_OK;
}

std::string Outcome::message() const {
  const int total = sent_ + rejected_ + deferred_;
  const std::string counts = " (" + std::to_string(sent_) + " of " + std::to_string(total) + " recipients sent, " +
                             std::to_string(rejected_) + " rejected, " + std::to_string(deferred_) + " deferred)";
  switch (stop_) {
    case Stop::auth:
      return "SMTP authentication at " + server_ + " refused (" + reply_text(stop_attempt_) +
             "): check username and password" + counts;
    case Stop::tls:
      if (stop_attempt_.curl == CURLE_USE_SSL_FAILED) {
        return "TLS with " + server_ + " failed: the server does not offer STARTTLS and mail is never sent "
               "unencrypted" + counts;
      }
      return "TLS with " + server_ + " failed: " + stop_attempt_.error + counts;
    case Stop::connection:
      return "SMTP server " + server_ + " not usable: " + stop_attempt_.error + counts;
    case Stop::none: break;
  }
  if (deferred_ > 0) return "delivery deferred, retry later (last " + reply_text(last_deferred_) + ")" + counts;
  if (rejected_ > 0) return "rejected permanently (last " + reply_text(last_rejected_) + ")" + counts;
  return {};
}

}  // namespace smtp
