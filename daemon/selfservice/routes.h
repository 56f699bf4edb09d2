// The routes parents, mentors and the coordinator's tools use: booking pages, the mentor's
// calendar feed, the coverage API and the conversation records API, and the pages' stylesheet.
#pragma once

#include "http/router.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

void add_routes(http::Router& router, ServicesSource services);

}  // namespace lobsync::selfservice
