#include "messaging/translations.h"

#include <lobsync/html.hpp>

namespace lobsync::messaging {

std::string html_escape(std::string_view text) { return sdk::html_escape(text); }

}  // namespace lobsync::messaging
