#include "net/log_url.h"

#include <curl/curl.h>

#include <memory>

namespace lobsync::net {

namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct PartDeleter {
  void operator()(char* p) const { curl_free(p); }
};

std::string part(CURLU* url, CURLUPart which) {
  char* raw = nullptr;
  if (curl_url_get(url, which, &raw, 0) != CURLUE_OK || raw == nullptr) return {};
  std::unique_ptr<char, PartDeleter> owned(raw);
  return owned.get();
}

}  // namespace

std::string loggable_url(std::string_view url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  const std::string text(url);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return "<invalid url>";
  }
  std::string out = part(parsed.get(), CURLUPART_SCHEME) + "://" + part(parsed.get(), CURLUPART_HOST);
  if (auto port = part(parsed.get(), CURLUPART_PORT); !port.empty()) out += ":" + port;
  return out + part(parsed.get(), CURLUPART_PATH);
}

}  // namespace lobsync::net
