// HTML form bodies (daemon/http/form.cpp): parse_form, as the parent and mentor pages receive
// them, and is_form on a Content-Type value. Input: the body; its first line is also tried as the
// Content-Type header.
//
// Invariants: an accepted form has no field with an empty name and no NUL byte anywhere; written
// out again with every byte escaped it parses to the same fields; is_form accepts only what is
// application/x-www-form-urlencoded once spaces and parameters are taken off.
#include "fuzz_support.hpp"
#include "url_text.hpp"

#include "http/form.h"

#include <algorithm>
#include <cctype>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);

  lobsync::http::Request request;
  request.headers["content-type"] = std::string(body.substr(0, body.find('\n')));
  if (lobsync::http::is_form(request)) {
    std::string type = request.headers["content-type"].substr(0, request.headers["content-type"].find(';'));
    std::string bare;
    for (char c : type) {
      if (!std::isspace(static_cast<unsigned char>(c))) bare += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    fuzz::check(bare == "application/x-www-form-urlencoded", "is_form accepts only urlencoded forms");
  }

  const auto form = lobsync::http::parse_form(body);
  if (!form) return 0;
  std::string rewritten;
  for (const auto& [name, value] : *form) {
    fuzz::check(!name.empty(), "an accepted field has a name");
    fuzz::check(name.find('\0') == std::string::npos && value.find('\0') == std::string::npos, "accepted fields hold no NUL byte");
    rewritten += (rewritten.empty() ? "" : "&") + fuzz::percent_encode(name, false) + "=" + fuzz::percent_encode(value, false);
  }
  const auto again = lobsync::http::parse_form(rewritten);
  fuzz::check(again.has_value() && *again == *form, "an escaped form parses to the same fields", rewritten);
  return 0;
}
