// What every page's frame shows of the school: its name in the header (and as the logo's alt
// text), its logo, and its stylesheet in the school's accent colour; and the language switch. Made from the live config
// for each request (page_frame()), so a reload changes the next page.
#pragma once

#include <string>

namespace lobsync::config {
struct Config;
}

namespace lobsync::selfservice {

struct PageFrame {
  std::string school;              // "" leaves the header out
  std::string logo;                // the logo's address from the root ("/static/logo-….png"), or ""
  std::string stylesheet_version;  // the ?v= of the stylesheet in the school's colour
  // The buttons that switch the page (and the reader's next pages and mails) to another shipped
  // language, posting `action=language` to the page's own address. Off where no reader is known.
  bool language_switch = true;
};

PageFrame page_frame(const config::Config& config);

}  // namespace lobsync::selfservice
