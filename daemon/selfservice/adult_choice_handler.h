// GET and POST /q/{token}: the page where a student of 18 or over chooses whether the parents
// are invited to a conversation meant for them (planning/adult_choice.h). GET only shows (mail
// scanners open links); POST keeps the answer and sends the browser back to the GET (303), so a
// reload posts nothing. The answer may change until the meeting is confirmed, held or past; the
// next plan then invites the parents, or cancels their invitation. Tokens are never logged.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

#include <cstddef>

namespace lobsync::selfservice {

// The form holds one short answer (or a language switch): anything larger is refused.
inline constexpr std::size_t kAdultChoiceFormLimitBytes = 1024;

http::Response show_adult_choice(const ServicesSource& services, const http::Request& request);
http::Response change_adult_choice(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
