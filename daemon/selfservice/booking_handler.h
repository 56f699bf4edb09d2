// GET and POST /p/{token}: a parent's booking page. GET only shows (mail scanners open links);
// POST confirms the meeting or moves it to one of the offered times, in one store transaction
// that a concurrent choice of the same time cannot win twice, then queues the new invitations
// for every participant and wakes the dispatch loop. A POST that worked answers 303 to the GET
// with ?done=confirmed or ?done=moved, which says so above the booking; a time somebody else
// just took is 409 with the fresh choices; "move" without a time is 422 and asks for one.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

// Bodies larger than this are refused (400): the forms have at most three short fields.
inline constexpr std::size_t kFormLimitBytes = 4096;
// Alternative times offered on the page.
inline constexpr std::size_t kAlternativesShown = 6;

http::Response show_booking(const ServicesSource& services, const http::Request& request);
http::Response change_booking(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
