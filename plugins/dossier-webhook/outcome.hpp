// What the receiver's answer means for the outbox item: delivered, already there, try again
// later, or give up.
#pragma once

#include <lobsync/plugin_sdk.hpp>

namespace dossier_webhook {

// 2xx → {"duplicate": false, "status"}; 409 (the receiver already has this key) →
// {"duplicate": true, "status"}. Otherwise throws: no answer, 408, 429, 5xx → UNAVAILABLE;
// 401, 403 → AUTH; anything else → PERMANENT. Messages never quote the URL or the body.
nlohmann::json judge(const lobsync::sdk::HttpResponse& response);

}  // namespace dossier_webhook
