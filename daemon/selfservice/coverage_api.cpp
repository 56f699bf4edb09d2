#include "selfservice/coverage_api.h"

#include "app/services.h"
#include "planning/coverage.h"
#include "planning/school_calendar.h"
#include "selfservice/mentor_auth.h"

#include <date/tz.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <array>

namespace lobsync::selfservice {
namespace {

std::array<unsigned char, SHA256_DIGEST_LENGTH> digest(std::string_view text) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> out{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), out.data());
  return out;
}

}  // namespace

bool bearer_matches(const http::Request& request, std::string_view expected) {
  const auto token = bearer_token(request);
  if (!token || expected.empty()) return false;
  // Digests have one length whatever was sent, so the comparison takes the same time.
  const auto given = digest(*token);
  const auto wanted = digest(expected);
  return CRYPTO_memcmp(given.data(), wanted.data(), given.size()) == 0;
}

http::Response coverage_api(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  const auto& config = s->config();
  if (config.http.admin_token.empty()) return http::Response::error(404, "not found");
  if (!bearer_matches(request, config.http.admin_token)) {
    auto r = http::Response::error(401, "a valid admin bearer token is required");
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"lobsync\"");
    return r;
  }
  const auto* zone = s->zone();
  const auto now = s->clock().now();
  const auto school = s->school();
  const auto year = planning::school_year_for(config.planning, planning::local_day(zone, now));
  auto rows = planning::coverage(*school, config.planning, s->store().meetings().meetings(year.label), zone, now);
  const auto cls = request.query.find("class");
  const auto mentor = request.query.find("mentor");
  std::erase_if(rows, [&](const planning::CoverageRow& row) {
    if (cls != request.query.end() && row.group_name != cls->second && row.group != cls->second) return true;
    return mentor != request.query.end() && row.mentor != mentor->second;
  });
  return http::Response::json(200, planning::to_json(rows));
}

}  // namespace lobsync::selfservice
