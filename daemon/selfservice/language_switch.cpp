#include "selfservice/language_switch.h"

#include "app/language_choice.h"
#include "app/services.h"
#include "selfservice/page.h"

namespace lobsync::selfservice {

bool is_language_switch(const std::map<std::string, std::string>& form) {
  const auto it = form.find("action");
  return it != form.end() && it->second == "language";
}

http::Response switch_language(app::Services& services, const http::Request& request, const domain::Meeting& meeting,
                               const domain::Participant& reader, const std::map<std::string, std::string>& form,
                               http::Response refused) {
  const auto it = form.find("language");
  if (it == form.end() || !app::choose_language(services, meeting, reader, it->second)) return refused;
  // Back to the page itself, without what its query said about a POST before this one.
  return see_other(services.config().http.public_url + request.path);
}

}  // namespace lobsync::selfservice
