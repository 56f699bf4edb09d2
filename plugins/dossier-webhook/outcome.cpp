#include "outcome.hpp"

namespace dossier_webhook {

using lobsync::sdk::Error;

nlohmann::json judge(const lobsync::sdk::HttpResponse& response) {
  const int status = response.status;
  if (status == 0) throw Error(LOBSYNC_E_UNAVAILABLE, "the webhook did not answer (" + response.error + ")");
  if (status >= 200 && status <= 299) return {{"duplicate", false}, {"status", status}};
  if (status == 409) return {{"duplicate", true}, {"status", status}};
  const std::string code = " (HTTP " + std::to_string(status) + ")";
  if (status >= 500 || status == 408 || status == 429) {
    throw Error(LOBSYNC_E_UNAVAILABLE, "the webhook is unavailable" + code);
  }
  if (status == 401 || status == 403) {
    throw Error(LOBSYNC_E_AUTH,
                "the webhook refused the signature" + code + ": check the shared secret and this server's clock");
  }
  throw Error(LOBSYNC_E_PERMANENT, "the webhook refused the record" + code);
}

}  // namespace dossier_webhook
