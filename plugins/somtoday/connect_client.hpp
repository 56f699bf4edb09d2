// Somtoday Connect over the host's HTTP client: the OAuth2 client-credentials token (one per
// organisation, reused until shortly before it expires), authenticated GETs, offset/amount
// paging, and the mapping of HTTP outcomes to lobsync status codes.
#pragma once

#include "settings.hpp"

#include <lobsync/oauth2.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace somtoday {

class ConnectClient {
 public:
  ConnectClient(const lobsync::sdk::Host& host, const Settings& settings);

  // GET <api_url><path> and the parsed JSON object. Throws lobsync::sdk::Error:
  // 401 twice → AUTH, 403 → PERMANENT "no permission for …", 404/413/other 4xx → PERMANENT
  // with the vendor's clarification, 408/429/5xx/no answer (after the host's retries) →
  // UNAVAILABLE, a body that is not a JSON object → INVALID_ARGUMENT. `where` names the page
  // in messages ("offset 400"); it may be empty.
  nlohmann::json get(const std::string& path, const std::string& where = {});

  // As get(), but a 404 (an object that no longer exists, e.g. a lesgroep) is nullopt.
  std::optional<nlohmann::json> get_if_found(const std::string& path, const std::string& where = {});

  // Calls `each` for every element of the page envelope `key` ("leerlingen", …) of a paged
  // endpoint, requesting `amount` = page_size per page until a short or empty page.
  void for_each_item(const std::string& path, const std::string& key,
                     const std::function<void(const nlohmann::json&, long long offset)>& each);

 private:
  lobsync::sdk::HttpResponse send_get(const std::string& url);
  std::optional<nlohmann::json> fetch(const std::string& path, const std::string& where, bool missing_ok);

  const lobsync::sdk::Host& host_;
  const Settings& settings_;
  lobsync::sdk::oauth2::TokenSource tokens_;  // client credentials, one token per organisation
};

// The error envelope {"errors":[{code,problem,clarification}]} (or an OAuth error) as one
// short line for messages; empty when the body has neither.
std::string describe_error_body(const std::string& body);

}  // namespace somtoday
