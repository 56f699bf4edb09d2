// Escaping text for HTML, shared by the host's pages and mails and by plugins that write HTML
// (the dossier file sink): names and free text are data, never markup.
#pragma once

#include <string>
#include <string_view>

namespace lobsync::sdk {

// &, <, >, " and ' as entities: safe in element content and in quoted attribute values.
inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace lobsync::sdk
