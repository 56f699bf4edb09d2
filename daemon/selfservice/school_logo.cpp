#include "selfservice/school_logo.h"

#include "config/config.h"
#include "selfservice/cacheable.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

std::string file_name(const config::SchoolLogo& logo) { return fmt::format("logo-{}.{}", logo.version, logo.extension); }

}  // namespace

std::string logo_path(const config::Config& config) {
  return config.logo ? "/static/" + file_name(*config.logo) : "";
}

http::Response school_logo(const config::Config& config, const http::Request& request) {
  if (!config.logo || request.params.at("file") != file_name(*config.logo)) return http::Response::text(404, "not found\n");
  // Public and never changing under its name: a year, without asking again.
  auto response = cacheable(request, config.logo->bytes, config.logo->content_type, config.logo->version,
                            "public, max-age=31536000, immutable");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (config.logo->extension == "svg")
    response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  return response;
}

}  // namespace lobsync::selfservice
