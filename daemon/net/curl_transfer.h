// One HTTP exchange through libcurl, no retries. The only place (besides log_url.cpp) that
// talks to libcurl, so curl.h stays out of every other translation unit.
#pragma once

#include "net/http_client.h"

#include <string>

namespace lobsync::net {

struct TransferResult {
  HttpResponse response;     // attempts is left to the caller
  bool retryable = false;    // a transport failure that may well pass on a second try
  std::string failure_kind;  // short and free of request data, for the log; empty on success
};

// Initialises libcurl for the process, once; safe to call from any thread.
void ensure_curl_initialized();

// The request must have passed check_request().
TransferResult transfer_once(const HttpRequest& request, const HttpClientSettings& settings);

}  // namespace lobsync::net
