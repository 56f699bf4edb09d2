#include "selfservice/page.h"

#include "config/config.h"
#include "selfservice/booking_view.h"
#include "selfservice/school_logo.h"
#include "selfservice/stylesheet.h"

#include "messaging/bidi_text.h"
#include "messaging/translations.h"

#include <fmt/format.h>

namespace lobsync::selfservice {

using messaging::html_escape;
using messaging::html_text;

namespace {

// The other shipped languages as buttons, each named in its own language and direction (العربية
// reads right to left on a Dutch page, Nederlands left to right on an Arabic one); the page's
// language as plain text. A form of its own, so switching never sends what the reader typed elsewhere.
std::string language_switch(std::string_view language) {
  const auto& tr = messaging::shipped_translations();
  const auto languages = tr.languages();
  if (languages.size() < 2) return "";
  const auto current = tr.resolve(language);
  std::string out = fmt::format(
      "<form method=\"post\" class=\"languages\" aria-label=\"{}\"><input type=\"hidden\" name=\"action\" "
      "value=\"language\">",
      html_escape(tr.text(current, "page.language_switch")));
  for (const auto& code : languages) {
    const auto name = html_escape(tr.text(code, "meta.language_name"));
    const std::string_view dir = tr.text(code, "meta.direction") == "rtl" ? "rtl" : "ltr";
    out += code == current
               ? fmt::format("<span lang=\"{}\" dir=\"{}\" aria-current=\"true\">{}</span>", html_escape(code), dir, name)
               : fmt::format("<button type=\"submit\" name=\"language\" value=\"{0}\" lang=\"{0}\" dir=\"{1}\">{2}</button>",
                             html_escape(code), dir, name);
  }
  return out + "</form>";
}

}  // namespace

std::string html_document(std::string_view language, std::string_view direction, const PageFrame& school,
                          std::string_view title, std::string_view body) {
  const auto& name = school.school;
  const bool rtl = direction == "rtl";
  // The school's name keeps its own direction inside an Arabic title and header (a Dutch name
  // ending in ")" would otherwise show its bracket at the wrong end).
  const std::string full_title =
      name.empty() ? std::string(title) : fmt::format("{} – {}", title, rtl ? messaging::isolated(name) : name);
  // The logo carries the school's name as its text; the name beside it is for the eye only, so a
  // screen reader says it once.
  const std::string logo = school.logo.empty() ? ""
                                                : fmt::format("<img src=\"..{}\" alt=\"{}\">", html_escape(school.logo), html_escape(name));
  const std::string shown_name = school.logo.empty() ? fmt::format("<bdi>{}</bdi>", html_escape(name))
                                                      : fmt::format("<bdi aria-hidden=\"true\">{}</bdi>", html_escape(name));
  const std::string header =
      name.empty() ? "" : fmt::format("<header class=\"site\"><p class=\"school\">{}{}</p></header>", logo, shown_name);
  // Every page lives one segment below the root (/p/…, /a/…, /r/…, /m/…): the relative link
  // reaches the stylesheet also behind a proxy that serves lobsync under a path.
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"robots\" content=\"noindex, nofollow\"><title>{}</title>"
      "<link rel=\"stylesheet\" href=\"..{}?v={}\"></head>"
      "<body>{}{}<main>{}</main></body></html>\n",
      html_escape(language), rtl ? "rtl" : "ltr", html_escape(full_title), kStylesheetPath,
      html_escape(school.stylesheet_version), header, school.language_switch ? language_switch(language) : "", body);
}

PageFrame page_frame(const config::Config& config) {
  return {config.school_name, logo_path(config), stylesheet_version(config.accent_colour)};
}

http::Response page_response(int status, std::string html) {
  auto response = http::Response::text(status, std::move(html), "text/html; charset=utf-8");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  response.headers.emplace_back("X-Frame-Options", "DENY");
  response.headers.emplace_back("Content-Security-Policy",
                                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                "frame-ancestors 'none'; base-uri 'none'");
  return response;
}

http::Response see_other(std::string location) {
  http::Response r;
  r.status = 303;
  r.content_type.clear();
  r.headers.emplace_back("Location", std::move(location));
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

http::Response invalid_link_page(const PageFrame& school) {
  return page_response(404, render_invalid_link(messaging::shipped_translations(), school));
}

std::string notice(std::string_view kind, std::string_view text) {
  // A refusal is announced at once by screen readers; a success politely.
  const bool warning = kind == "warning";
  return fmt::format("<p class=\"notice{}{}\" role=\"{}\">{}</p>", kind.empty() ? "" : " ", kind,
                     warning ? "alert" : "status", html_text(text));
}

std::string error_summary(std::string_view heading, const std::vector<FormProblem>& problems) {
  if (problems.empty()) return "";
  std::string out = fmt::format("<div class=\"error-summary\" role=\"alert\"><h2 id=\"error-summary\">{}</h2><ul>",
                                html_text(heading));
  for (const auto& p : problems) {
    out += p.control_id.empty()
               ? fmt::format("<li>{}</li>", html_text(p.message))
               : fmt::format("<li><a href=\"#{}\">{}</a></li>", html_escape(p.control_id), html_text(p.message));
  }
  return out + "</ul></div>";
}

std::string error_id(std::string_view control_id) { return fmt::format("{}-error", control_id); }

std::string field_error(std::string_view control_id, std::string_view message) {
  return fmt::format("<p class=\"field-error\" id=\"{}\">{}</p>", html_escape(error_id(control_id)), html_text(message));
}

std::string invalid_attributes(std::string_view control_id, bool invalid) {
  if (!invalid) return "";
  return fmt::format(" aria-invalid=\"true\" aria-describedby=\"{}\"", html_escape(error_id(control_id)));
}

std::string paragraph_html(std::string_view text) {
  std::string out;
  for (const char c : messaging::html_escape(text)) {
    if (c == '\n') out += "<br>";
    else if (c != '\r') out += c;
  }
  return out;
}

}  // namespace lobsync::selfservice
