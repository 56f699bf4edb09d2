#include "selfservice/cacheable.h"

#include <openssl/sha.h>

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

// "If-None-Match: W/"abc", "def"" names this version (weak or strong, or *).
bool names_version(const std::string& if_none_match, std::string_view etag) {
  return if_none_match.find(etag) != std::string::npos || if_none_match == "*";
}

}  // namespace

std::string content_version(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  std::string hex;
  for (int i = 0; i < 8; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

http::Response cacheable(const http::Request& request, std::string_view text, std::string content_type,
                         std::string_view version, std::string cache_control) {
  const auto etag = fmt::format("\"{}\"", version);
  http::Response response;
  if (const auto it = request.headers.find("if-none-match"); it != request.headers.end() && names_version(it->second, etag)) {
    response.status = 304;
    response.content_type.clear();
  } else {
    response = http::Response::text(200, std::string(text), std::move(content_type));
  }
  response.headers.emplace_back("ETag", etag);
  response.headers.emplace_back("Cache-Control", std::move(cache_control));
  return response;
}

}  // namespace lobsync::selfservice
