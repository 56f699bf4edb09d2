#include "net/curl_transfer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <stdexcept>

namespace lobsync::net {

namespace {

// One easy handle per thread, reset before each use: connections and TLS sessions stay cached
// between requests to the same SIS, without sharing a handle across threads.
CURL* thread_handle() {
  struct Holder {
    CURL* handle = nullptr;
    ~Holder() {
      if (handle != nullptr) curl_easy_cleanup(handle);
    }
  };
  thread_local Holder holder;
  if (holder.handle == nullptr) {
    holder.handle = curl_easy_init();
  } else {
    curl_easy_reset(holder.handle);
  }
  return holder.handle;
}

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct Sink {
  HttpResponse* response;
  std::size_t limit;
  bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->response->body.size() + n > sink->limit) {
    sink->too_large = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  sink->response->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  // A new status line starts a new header block (after 100 Continue or a redirect): only the
  // final response's headers are kept.
  if (line.starts_with("HTTP/")) {
    response->headers.clear();
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  auto [it, inserted] = response->headers.try_emplace(name, value);
  if (!inserted) it->second.append(", ").append(value);
  return n;
}

bool is_retryable(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:   // connection closed without a response
    case CURLE_SEND_ERROR:    // connection reset while sending
    case CURLE_RECV_ERROR:    // connection reset while receiving
    case CURLE_PARTIAL_FILE:  // connection dropped mid-body
      return true;
    default:
      return false;
  }
}

// Every option of the transfer; returns the first setopt failure.
CURLcode configure(CURL* h, const HttpRequest& request, const HttpClientSettings& settings,
                   curl_slist* headers, Sink& sink, HttpResponse& response, char* error_buffer) {
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(h, option, value);
  };
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: we run on many threads
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 1L);
  set(CURLOPT_MAXREDIRS, 5L);
  set(CURLOPT_SSL_VERIFYPEER, settings.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, settings.verify_tls ? 2L : 0L);
  if (!settings.ca_file.empty()) set(CURLOPT_CAINFO, settings.ca_file.c_str());
  set(CURLOPT_USERAGENT, settings.user_agent.c_str());
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  set(CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode; the size cap applies after decoding
  // Refuse early when Content-Length already says too much; on_body catches the rest.
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings.max_response_bytes));
  set(CURLOPT_HTTPHEADER, headers);
  set(CURLOPT_WRITEFUNCTION, on_body);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&sink));
  set(CURLOPT_HEADERFUNCTION, on_header);
  set(CURLOPT_HEADERDATA, static_cast<void*>(&response));
  set(CURLOPT_ERRORBUFFER, error_buffer);

  if (request.method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" || !request.body.empty()) {
    if (request.method != "POST") set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
    // POST, PUT and PATCH always carry a body, if empty, so Content-Length: 0 is sent.
    const bool has_body = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (has_body || !request.body.empty()) {
      set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      set(CURLOPT_POSTFIELDS, request.body.data());
    }
  }
  return rc;
}

}  // namespace

void ensure_curl_initialized() {
  // A function-local static is initialised exactly once, even with concurrent first callers.
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) throw std::runtime_error("curl_global_init failed");
}

TransferResult transfer_once(const HttpRequest& request, const HttpClientSettings& settings) {
  TransferResult result;
  HttpResponse& response = result.response;
  CURL* h = thread_handle();
  if (h == nullptr) {
    response.error = "cannot create a libcurl handle";
    result.failure_kind = "libcurl init failed";
    return result;
  }

  Slist headers;
  auto add_header = [&](const std::string& line) {
    if (curl_slist* l = curl_slist_append(headers.get(), line.c_str())) {
      (void)headers.release();
      headers.reset(l);
    }
  };
  for (const auto& [name, value] : request.headers) {
    // "Name:" would remove the header in libcurl; "Name;" sends it with an empty value.
    add_header(value.empty() ? name + ";" : name + ": " + value);
  }
  // No "Expect: 100-continue" round trip for large bodies; SIS APIs do not need it.
  add_header("Expect:");

  Sink sink{&response, settings.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURLcode code = configure(h, request, settings, headers.get(), sink, response, error_buffer);
  if (code == CURLE_OK) code = curl_easy_perform(h);

  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return result;
  }

  // No usable response: status 0, whatever was partly received is dropped.
  response.status = 0;
  response.body.clear();
  response.headers.clear();
  if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    response.error = "response larger than " + std::to_string(settings.max_response_bytes) + " bytes";
    result.failure_kind = "response too large";
    return result;
  }
  result.failure_kind = curl_easy_strerror(code);
  response.error = error_buffer[0] != '\0' ? result.failure_kind + ": " + error_buffer : result.failure_kind;
  result.retryable = is_retryable(code);
  return result;
}

}  // namespace lobsync::net
