// One libcurl easy handle that carries SMTP transactions, one recipient each. The handle lives
// as long as the plugin instance, so consecutive messages reuse the open (and authenticated)
// connection. Not thread-safe: the host never runs two calls of one instance at once.
#pragma once

#include "settings.hpp"

#include <curl/curl.h>

#include <string>

namespace smtp {

// What one transaction came to, as libcurl reports it.
struct Attempt {
  CURLcode curl = CURLE_OK;
  long reply = 0;               // the last SMTP reply code seen (0: the server said nothing)
  bool new_connection = false;  // false: an open connection was reused
  std::string error;            // libcurl's words; names the host at most, never an address
};

class Transport {
 public:
  explicit Transport(const Settings& settings);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // MAIL FROM, one RCPT TO, DATA with `message` (CRLF, ending in CRLF; libcurl dot-stuffs).
  // `credential` is the password (AUTH PLAIN/LOGIN) or, with OAuth, the access token (XOAUTH2);
  // empty without AUTH.
  Attempt send(const std::string& from, const std::string& recipient, const std::string& message,
               const std::string& credential);

 private:
  Attempt perform(const std::string& message);

  bool bearer_ = false;  // the credential is an OAuth access token
  CURL* curl_ = nullptr;
  char error_[CURL_ERROR_SIZE] = {};
  bool last_succeeded_ = false;
};

}  // namespace smtp
