// The language switch every page with a reader carries (page.cpp draws it): a POST of
// `action=language` with the chosen `language` to the page's own address. Each page's POST
// handler asks is_language_switch() first, after it verified the link and knows the reader.
#pragma once

#include "domain/meeting.h"
#include "http/request.h"
#include "http/response.h"

#include <map>
#include <string>

namespace lobsync::app {
class Services;
}

namespace lobsync::selfservice {

bool is_language_switch(const std::map<std::string, std::string>& form);

// Keeps the reader's choice (app/language_choice.h) and sends the browser back to the page it
// came from by GET (303), which then speaks the new language; a reload posts nothing. A language
// the daemon does not ship changes nothing and answers 400 with the page's usual refusal
// (`refused`).
http::Response switch_language(app::Services& services, const http::Request& request, const domain::Meeting& meeting,
                               const domain::Participant& reader, const std::map<std::string, std::string>& form,
                               http::Response refused);

}  // namespace lobsync::selfservice
