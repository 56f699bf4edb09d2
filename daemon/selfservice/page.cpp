#include "selfservice/page.h"

#include "selfservice/booking_view.h"

#include "messaging/translations.h"

#include <fmt/format.h>

namespace lobsync::selfservice {
namespace {

// Inline style only: the CSP forbids scripts and every other source.
constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}"
    "dt{font-weight:bold}dd{margin:0 0 .5rem 0}fieldset{border:1px solid #ccc;margin:1rem 0}"
    "button{font-size:1rem;padding:.5rem 1rem;margin:.5rem 0}.notice{background:#fff3cd;padding:.5rem 1rem}"
    "label{display:block;margin:.25rem 0}";

}  // namespace

std::string html_document(std::string_view language, std::string_view direction, std::string_view title,
                          std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex, nofollow\"><title>{}</title><style>{}</style></head>"
      "<body><main>{}</main></body></html>\n",
      messaging::html_escape(language), direction == "rtl" ? "rtl" : "ltr", messaging::html_escape(title), kStyle, body);
}

http::Response page_response(int status, std::string html) {
  auto response = http::Response::text(status, std::move(html), "text/html; charset=utf-8");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  return response;
}

http::Response invalid_link_page() {
  return page_response(404, render_invalid_link(messaging::shipped_translations()));
}

}  // namespace lobsync::selfservice
