#include "settings.hpp"

namespace dossier_webhook {

using namespace lobsync::sdk::settings;

const Declaration& declared_settings() {
  // Records are personal data of minors: plain http only to loopback, unless the administrator
  // allowed it (e.g. a platform on the same trusted network segment).
  static const Declaration declaration{{
      url("url").required().plaintext_allowed_by("allow_plaintext")
          .describe("where records are POSTed; no user info"),
      secret("secret").required().describe("the shared signing secret"),
      boolean("allow_plaintext").default_to(false)
          .describe("allow http:// to other hosts (records are personal data of minors: only inside a trusted network)"),
      integer("timeout_seconds").range(1, kMaxTimeoutSeconds).default_to(kDefaultTimeoutSeconds).describe("per attempt"),
      integer("max_attempts").range(1, 10).default_to(kDefaultMaxAttempts)
          .describe("attempts within one delivery (the host retries 408, 429 and 5xx with backoff and Retry-After); "
                    "after that the outbox retries the item later"),
  }};
  return declaration;
}

Settings parse_settings(const nlohmann::json& json) {
  const auto values = parse(declared_settings(), json);
  Settings out;
  out.url = values.text("url");
  out.secret = values.raw("secret");
  out.allow_plaintext = values.boolean("allow_plaintext");
  out.timeout_seconds = values.integer("timeout_seconds");
  out.max_attempts = values.integer("max_attempts");
  return out;
}

std::string Settings::host() const {
  const std::size_t start = url.find("://") + 3;
  const std::size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace dossier_webhook
