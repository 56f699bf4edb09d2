// The signed link to a record's sign-off page, /r/<token>: purpose "record", subject
// "<record id>/<participant key>". It expires 60 days after the version it announces was
// written: long enough for a parent who reads mail late, short enough that an old mail stops
// opening a child's record. The link names no version: it always shows the latest.
#pragma once

#include "core/clock.h"
#include "store/link_key_store.h"

#include <chrono>
#include <string>
#include <string_view>

namespace lobsync::records {

inline constexpr std::chrono::days kRecordLinkValidity{60};

Instant record_link_expiry(Instant version_written);
// public_url + "/r/" + token.
std::string record_link(std::string_view public_url, const store::LinkKey& key, std::string_view record_id,
                        std::string_view participant_key, Instant version_written);

}  // namespace lobsync::records
