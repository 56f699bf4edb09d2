#include "selfservice/call_list_api.h"

#include "app/services.h"
#include "notices/call_list.h"
#include "app/notice_sources.h"
#include "selfservice/mentor_auth.h"

namespace lobsync::selfservice {

http::Response call_list_api(const ServicesSource& services, const http::Request& request) {
  const auto s = services();
  auto& store = s->store();
  const auto mentor = mentor_of_request(store, request);
  if (!mentor) return unauthorized();
  const auto& id = request.params.at("id");
  if (id != *mentor) return http::Response::error(403, "a mentor may only read their own call list");
  const auto school = s->school();
  const notices::CallListInput input{school.get(), &store, s->clock().now(), s->config().notices.call_list_days,
                                       app::responded_signal(store)};
  return http::Response::json(200, notices::to_json(*mentor, notices::call_list(*mentor, input)));
}

}  // namespace lobsync::selfservice
