#include "selfservice/openapi.h"

#include "selfservice/cacheable.h"

#include <string>

namespace lobsync::selfservice {

http::Response openapi_document(const http::Request& request) {
  static const std::string version = content_version(openapi_text());
  // Its address does not change with its version (unlike the stylesheet's ?v=), so a day, not
  // a week: a client sees a new version the day after an upgrade at the latest.
  return cacheable(request, openapi_text(), "application/json", version, "public, max-age=86400");
}

}  // namespace lobsync::selfservice
