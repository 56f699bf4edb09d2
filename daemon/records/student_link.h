// The student's personal link to their own page, /s/<token>: purpose "student", subject the
// student's roster key, signed like every other self-service link (links/token.h). It shows the
// student's own conversations, the mentor's records of them and the student's own reports. A
// link mailed for a conversation expires 60 days after that conversation began.
#pragma once

#include "core/clock.h"
#include "store/link_key_store.h"

#include <chrono>
#include <string>
#include <string_view>

namespace lobsync::records {

inline constexpr std::chrono::days kStudentLinkValidity{60};

// public_url + "/s/" + token, valid until `expires`.
std::string student_link(std::string_view public_url, const store::LinkKey& key, std::string_view student_key,
                         Instant expires);

}  // namespace lobsync::records
