// The retry loop around single libcurl transfers, and what it logs.
#include "net/http_client.h"

#include "core/log.h"
#include "net/backoff.h"
#include "net/curl_transfer.h"
#include "net/log_url.h"
#include "net/request_check.h"

#include <algorithm>
#include <thread>

namespace lobsync::net {

namespace {

const Clock& system_clock() {
  // Function-local, so a client built during another file's static initialisation still works.
  static const SystemClock clock;
  return clock;
}

bool status_is_retryable(const HttpRequest& request, int status) {
  return std::find(request.retry_on.begin(), request.retry_on.end(), status) != request.retry_on.end();
}

// Why the attempt failed, for the log: status or transport failure kind, never content.
std::string outcome(const TransferResult& r) {
  return r.response.status != 0 ? "HTTP " + std::to_string(r.response.status) : r.failure_kind;
}

}  // namespace

HttpClient::HttpClient(HttpClientSettings settings, Sleeper sleeper, const Clock* clock)
    : settings_(std::move(settings)), sleeper_(std::move(sleeper)), clock_(clock != nullptr ? clock : &system_clock()) {
  if (!sleeper_) sleeper_ = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  ensure_curl_initialized();
}

HttpResponse HttpClient::perform(const HttpRequest& request) const {
  const std::string where = request.method + " " + loggable_url(request.url);
  if (auto problem = check_request(request)) {
    log::write(log::Level::warn, "http-client", fmt::format("{}: refused: {}", where, *problem));
    HttpResponse refused;
    refused.error = "invalid request: " + *problem;
    refused.attempts = 1;
    return refused;
  }

  for (int attempt = 1;; ++attempt) {
    TransferResult r = transfer_once(request, settings_);
    r.response.attempts = attempt;
    const int status = r.response.status;
    const bool retryable = status != 0 ? status_is_retryable(request, status) : r.retryable;
    if (!retryable || attempt >= request.max_attempts) {
      if (status == 0 || retryable) {
        log::write(log::Level::warn, "http-client",
                   fmt::format("{}: {} (attempt {}/{}), giving up", where, outcome(r), attempt,
                               request.max_attempts));
      } else {
        log::write(log::Level::debug, "http-client",
                   fmt::format("{}: HTTP {} (attempt {})", where, status, attempt));
      }
      return std::move(r.response);
    }

    auto wait = full_jitter(backoff_cap(attempt, settings_.initial_backoff, settings_.max_backoff));
    // The server knows best how long it needs on 429 and 503; within our limit we obey it.
    if (status == 429 || status == 503) {
      auto header = r.response.headers.find("retry-after");
      if (header != r.response.headers.end()) {
        if (auto asked = parse_retry_after(header->second, clock_->now())) {
          wait = std::min(*asked, settings_.max_retry_after);
        }
      }
    }
    log::write(log::Level::warn, "http-client",
               fmt::format("{}: {} (attempt {}/{}), retrying in {} ms", where, outcome(r), attempt,
                           request.max_attempts, wait.count()));
    sleeper_(wait);
  }
}

}  // namespace lobsync::net
