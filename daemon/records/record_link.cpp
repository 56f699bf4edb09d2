#include "records/record_link.h"

#include "links/token.h"

namespace lobsync::records {

Instant record_link_expiry(Instant version_written) { return version_written + kRecordLinkValidity; }

std::string record_link(std::string_view public_url, const store::LinkKey& key, std::string_view record_id,
                        std::string_view participant_key, Instant version_written) {
  const auto token = links::sign(key, links::kRecord, links::booking_subject(record_id, participant_key),
                                 record_link_expiry(version_written));
  return std::string(public_url) + "/r/" + token;
}

}  // namespace lobsync::records
