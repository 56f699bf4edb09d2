#include "transport.hpp"

#include <lobsync/plugin_sdk.hpp>

#include <algorithm>
#include <cstring>
#include <memory>

namespace smtp {

namespace {

struct Upload {
  const std::string* data;
  std::size_t offset;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

struct SlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void ensure_curl_global_init() {
  // Reference-counted inside libcurl, and the daemon has called it already; this covers hosts
  // that have not. Never cleaned up: the daemon may still use libcurl after the plugin goes.
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) throw lobsync::sdk::Error(LOBSYNC_E_INTERNAL, "curl_global_init failed");
}

// Options that stay the same for every message of the instance.
void configure(CURL* curl, const Settings& s, char* error_buffer) {
  const std::string url = server_url(s);
  const long timeout = s.timeout_seconds;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // never route mail through an all_proxy from the environment
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // A silence of timeout_seconds fails the transaction wherever it happens: connecting, waiting
  // for a reply, or a stalled upload. A large message on a slow link still gets through.
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, timeout);

  // CURLUSESSL_ALL: a server that does not offer STARTTLS fails the send instead of getting
  // the message in plain text (CURLUSESSL_TRY would fall back).
  curl_easy_setopt(curl, CURLOPT_USE_SSL, s.security == Security::none ? static_cast<long>(CURLUSESSL_NONE)
                                                                       : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, s.verify_tls ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, s.verify_tls ? 2L : 0L);
  // Replaces libcurl's CA bundle file; the system's hashed CA directory (CAPATH) stays trusted.
  if (!s.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.ca_file.c_str());

  if (s.auth == Auth::microsoft || s.auth == Auth::google) {
    // XOAUTH2 as Microsoft and Google document it: the user is the mailbox the token acts for.
    // Only XOAUTH2: libcurl would prefer OAUTHBEARER where both are offered, which Exchange
    // Online does not document for SMTP.
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(curl, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
  } else if (!s.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.username.c_str());
    // PLAIN or LOGIN only, always inside TLS: Microsoft 365 offers only LOGIN, most others both;
    // the legacy challenge mechanisms (CRAM-MD5, DIGEST-MD5, NTLM) are never chosen.
    curl_easy_setopt(curl, CURLOPT_LOGIN_OPTIONS, "AUTH=PLAIN;AUTH=LOGIN");
  }
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &read_upload);
}

}  // namespace

Transport::Transport(const Settings& settings)
    : bearer_(settings.auth == Auth::microsoft || settings.auth == Auth::google) {
  ensure_curl_global_init();
  curl_ = curl_easy_init();
  if (curl_ == nullptr) throw lobsync::sdk::Error(LOBSYNC_E_INTERNAL, "curl_easy_init failed");
  configure(curl_, settings, error_);
}

Transport::~Transport() { curl_easy_cleanup(curl_); }

Attempt Transport::send(const std::string& from, const std::string& recipient, const std::string& message,
                        const std::string& credential) {
  const std::string mail_from = "<" + from + ">";
  std::unique_ptr<curl_slist, SlistFree> rcpt(curl_slist_append(nullptr, ("<" + recipient + ">").c_str()));
  if (!rcpt) throw lobsync::sdk::Error(LOBSYNC_E_INTERNAL, "out of memory");
  curl_easy_setopt(curl_, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, rcpt.get());
  if (!credential.empty()) {
    curl_easy_setopt(curl_, bearer_ ? CURLOPT_XOAUTH2_BEARER : CURLOPT_PASSWORD, credential.c_str());
  }

  const bool may_reuse = last_succeeded_;  // libcurl keeps a connection only after a clean transaction
  Attempt attempt = perform(message);
  // A reused connection the server had closed meanwhile fails before any reply; nothing can
  // have been delivered then, so one more try on a fresh connection is safe.
  if (may_reuse && attempt.curl != CURLE_OK && attempt.reply == 0 && !attempt.new_connection) {
    curl_easy_setopt(curl_, CURLOPT_FRESH_CONNECT, 1L);
    attempt = perform(message);
    curl_easy_setopt(curl_, CURLOPT_FRESH_CONNECT, 0L);
  }
  curl_easy_setopt(curl_, CURLOPT_MAIL_RCPT, nullptr);
  last_succeeded_ = attempt.curl == CURLE_OK;
  return attempt;
}

Attempt Transport::perform(const std::string& message) {
  Upload upload{&message, 0};
  curl_easy_setopt(curl_, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl_, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  error_[0] = '\0';
  Attempt attempt;
  attempt.curl = curl_easy_perform(curl_);
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &attempt.reply);
  long connects = 0;
  curl_easy_getinfo(curl_, CURLINFO_NUM_CONNECTS, &connects);
  attempt.new_connection = connects > 0;
  if (attempt.curl == CURLE_OK) return attempt;
  if (error_[0] != '\0') {
    attempt.error = error_;
  } else if (attempt.curl == CURLE_WEIRD_SERVER_REPLY && attempt.reply >= 400) {
    // libcurl 7.88 says nothing of its own when the reply to the end of DATA is a refusal.
    attempt.error = "message refused after DATA: " + std::to_string(attempt.reply);
  } else {
    attempt.error = curl_easy_strerror(attempt.curl);
  }
  return attempt;
}

}  // namespace smtp
