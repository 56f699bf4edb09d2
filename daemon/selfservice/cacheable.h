// Answers for texts that are the same for every school and only change with the binary (the
// pages' stylesheet, the API's OpenAPI document): public, with an ETag made from the text, so
// a client that has it asks again with If-None-Match and gets a 304 without the body.
#pragma once

#include "http/request.h"
#include "http/response.h"

#include <string>
#include <string_view>

namespace lobsync::selfservice {

// The first 16 hex digits of the SHA-256 of `text`: its version, for an ETag or a ?v=.
std::string content_version(std::string_view text);

// 200 with `text`, or 304 when If-None-Match names `version` (weak or strong, or *); both with
// ETag "<version>" and `cache_control`.
http::Response cacheable(const http::Request& request, std::string_view text, std::string content_type,
                         std::string_view version, std::string cache_control);

}  // namespace lobsync::selfservice
