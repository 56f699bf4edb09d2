// The conversation records API for mentors' tools:
//   POST /api/v1/meetings/{id}/record    a mentor submits (or edits: a new version) the record
//   GET  /api/v1/students/{id}/records   a student's records with every version
// Mentors authenticate with their own bearer token (`lobsync tokens issue`); the listing also
// accepts the admin token (http.admin_token). Errors are JSON: {"error", "errors":[{field,message}]}.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "selfservice/services_source.h"

namespace lobsync::selfservice {

http::Response submit_record(const ServicesSource& services, const http::Request& request);
http::Response student_records(const ServicesSource& services, const http::Request& request);

}  // namespace lobsync::selfservice
