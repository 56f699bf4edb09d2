// The signed links of home assignments (for the student and each parent) and of the mentor's
// record form. Both name the meeting; the assignment link also names who it was sent to.
#pragma once

#include "domain/meeting.h"
#include "store/link_key_store.h"

#include <chrono>
#include <string>
#include <string_view>

namespace lobsync::assignments {

// How long the links work after the meeting ended.
inline constexpr std::chrono::hours kAssignmentLinkGrace{14 * 24};
inline constexpr std::chrono::hours kRecordFormLinkGrace{60 * 24};

// "<public_url>/a/<token>": the assignment page for this participant.
std::string assignment_link(std::string_view public_url, const store::LinkKey& key, const domain::Meeting& meeting,
                            std::string_view participant_key);
// "<public_url>/m/<token>": the mentor's record form for this meeting.
std::string record_form_link(std::string_view public_url, const store::LinkKey& key, const domain::Meeting& meeting);

}  // namespace lobsync::assignments
