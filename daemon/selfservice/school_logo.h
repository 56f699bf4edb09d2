// The school's logo (config "school.logo_file"), served by the daemon itself under a name made
// of its content's fingerprint, /static/logo-<version>.<ext>: a new logo is a new address, so a
// browser may keep the old one for a year. An SVG is served as an image only: a CSP without
// scripts, in a sandbox, so opening it on its own runs nothing either.
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <string>

namespace lobsync::config {
struct Config;
}

namespace lobsync::selfservice {

// "/static/logo-<version>.<ext>", or "" without a logo.
std::string logo_path(const config::Config& config);

// GET /static/{file}: the logo when `file` is its current name, else 404.
http::Response school_logo(const config::Config& config, const http::Request& request);

}  // namespace lobsync::selfservice
