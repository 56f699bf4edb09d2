#include "selfservice/routes.h"

#include "app/services.h"

#include "selfservice/adult_choice_handler.h"
#include "selfservice/assignment_handler.h"
#include "selfservice/attendance_api.h"
#include "selfservice/booking_handler.h"
#include "selfservice/call_list_api.h"
#include "selfservice/coverage_api.h"
#include "selfservice/feed_handler.h"
#include "selfservice/record_page.h"
#include "selfservice/meeting_api.h"
#include "selfservice/openapi.h"
#include "selfservice/record_form_handler.h"
#include "selfservice/records_api.h"
#include "selfservice/school_logo.h"
#include "selfservice/stylesheet.h"
#include "selfservice/student_page.h"

namespace lobsync::selfservice {

void add_routes(http::Router& router, ServicesSource services) {
  router.add("GET", "/p/{token}", [services](const http::Request& r) { return show_booking(services, r); });
  router.add("POST", "/p/{token}", [services](const http::Request& r) { return change_booking(services, r); });
  router.add("GET", "/r/{token}", [services](const http::Request& r) { return show_record(services, r); });
  router.add("POST", "/r/{token}", [services](const http::Request& r) { return change_record(services, r); });
  // The student's own page: their conversations, records and own reports.
  router.add("GET", "/s/{token}", [services](const http::Request& r) { return show_student_page(services, r); });
  router.add("POST", "/s/{token}", [services](const http::Request& r) { return write_student_report(services, r); });
  router.add("GET", "/calendar/{file}", [services](const http::Request& r) { return mentor_feed(services, r); });
  router.add("GET", "/api/v1/coverage", [services](const http::Request& r) { return coverage_api(services, r); });
  router.add("POST", "/api/v1/meetings/{id}/record", [services](const http::Request& r) { return submit_record(services, r); });
  router.add("GET", "/api/v1/students/{id}/records", [services](const http::Request& r) { return student_records(services, r); });
  // Home assignments and the mentor's record form.
  router.add("GET", "/a/{token}", [services](const http::Request& r) { return show_assignment(services, r); });
  router.add("POST", "/a/{token}", [services](const http::Request& r) { return mark_assignment_done(services, r); });
  router.add("GET", "/m/{token}", [services](const http::Request& r) { return show_record_form(services, r); });
  router.add("POST", "/m/{token}", [services](const http::Request& r) { return submit_record_form(services, r); });
  // An adult student's choice whether the parents are invited (the question's link).
  router.add("GET", "/q/{token}", [services](const http::Request& r) { return show_adult_choice(services, r); });
  router.add("POST", "/q/{token}", [services](const http::Request& r) { return change_adult_choice(services, r); });
  router.add("GET", "/api/v1/meetings/{id}", [services](const http::Request& r) { return meeting_api(services, r); });
  router.add("POST", "/api/v1/meetings/{id}/attendance",
             [services](const http::Request& r) { return attendance_api(services, r); });
  router.add("GET", "/api/v1/mentors/{id}/call-list", [services](const http::Request& r) { return call_list_api(services, r); });
  // The API's own description (openapi.json); like the stylesheet, the same for every school.
  router.add("GET", std::string(kOpenApiPath), [](const http::Request& r) { return openapi_document(r); });
  // The pages' one stylesheet, in the school's accent colour, and the school's logo.
  router.add("GET", std::string(kStylesheetPath),
             [services](const http::Request& r) { return stylesheet(r, services()->config().accent_colour); });
  router.add("GET", "/static/{file}", [services](const http::Request& r) { return school_logo(services()->config(), r); });
}

}  // namespace lobsync::selfservice
