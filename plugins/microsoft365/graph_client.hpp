// Microsoft Graph over the host's HTTP client: the app's token (client credentials, scope
// https://graph.microsoft.com/.default, renewed once on a 401), throttling left to the host's
// retries (429/503/504 with Retry-After), and Graph's error envelope {"error":{"code","message"}}
// turned into messages that say what to fix.
#pragma once

#include "settings.hpp"

#include <lobsync/oauth2.hpp>

#include <optional>
#include <string>

namespace microsoft365 {

class GraphClient {
 public:
  GraphClient(const lobsync::sdk::Host& host, const Settings& settings);

  // One call to <graph_url><path> (or a full @odata.nextLink URL, which must lie under graph_url:
  // the token goes with it; another throws UNAVAILABLE and nothing is sent). `what` names it in messages
  // ("sendMail for mailbox x"), `permission` is the application permission it needs.
  // `repeatable` false (sendMail): the host retries only 429 and 503, which Graph answers before
  // doing anything; a 504 or a lost answer leaves the outcome unknown and is not sent again.
  lobsync::sdk::HttpResponse call(const std::string& method, const std::string& path_or_url,
                                  const std::string& content_type, const std::string& body, bool repeatable = true);

  // Throws the Error a failed answer means: 401 after renewal → AUTH; 403 → PERMANENT naming
  // `permission` and the mailbox; 404 → PERMANENT; 408/429/5xx/no answer → UNAVAILABLE; other
  // 4xx → PERMANENT with Graph's code and message.
  [[noreturn]] void fail(const lobsync::sdk::HttpResponse& response, const std::string& what,
                         const std::string& permission, const std::string& mailbox) const;

  const std::string& graph_url() const { return settings_.graph_url; }

 private:
  const lobsync::sdk::Host& host_;
  const Settings& settings_;
  lobsync::sdk::oauth2::TokenSource tokens_;
};

// Graph's error envelope as "code: message" (clipped), or empty when the body is not one.
std::string describe_graph_error(const std::string& body);

}  // namespace microsoft365
