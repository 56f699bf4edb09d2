#include "multistatus.hpp"

#include <pugixml.hpp>

namespace caldav {

namespace {

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  }
  return {};
}

// All character data of an element, CDATA sections included.
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool parse(std::string_view xml, pugi::xml_document& doc) {
  return doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
}

}  // namespace

int status_of_line(std::string_view line) {
  // "HTTP/1.1 200 OK": three digits, the first not 0, and nothing glued to them (from_chars alone
  // read "-12" and "014" as statuses).
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) return 0;
  const std::string_view code = line.substr(space + 1, 3);
  const bool digits = code[0] >= '1' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9' && code[2] >= '0' && code[2] <= '9';
  if (!digits || (line.size() > space + 4 && line[space + 4] != ' ')) return 0;
  return (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
}

Multistatus parse_multistatus(std::string_view xml) {
  Multistatus out;
  pugi::xml_document doc;
  if (!parse(xml, doc)) {
    out.error = "the server's multistatus answer is not well-formed XML";
    return out;
  }
  const pugi::xml_node root = doc.document_element();
  if (local_name(root) != "multistatus") {
    out.error = "the server answered with XML that is not a multistatus document";
    return out;
  }
  for (pugi::xml_node response = root.first_child(); response; response = response.next_sibling()) {
    if (response.type() != pugi::node_element || local_name(response) != "response") continue;
    DavResource resource;
    resource.href = trimmed(text_of(child(response, "href")));
    if (auto status = child(response, "status")) resource.status = status_of_line(trimmed(text_of(status)));
    bool found_ok = false;
    for (pugi::xml_node propstat = response.first_child(); propstat; propstat = propstat.next_sibling()) {
      if (propstat.type() != pugi::node_element || local_name(propstat) != "propstat") continue;
      const int status = status_of_line(trimmed(text_of(child(propstat, "status"))));
      if (status / 100 != 2) {
        if (!found_ok && resource.status == 0) resource.status = status;
        continue;
      }
      found_ok = true;
      resource.status = status;
      const pugi::xml_node prop = child(propstat, "prop");
      if (auto etag = child(prop, "getetag")) resource.etag = trimmed(text_of(etag));
      if (auto data = child(prop, "calendar-data")) resource.calendar_data = text_of(data);
    }
    out.resources.push_back(std::move(resource));
  }
  return out;
}

bool has_condition(std::string_view xml, std::string_view name) {
  pugi::xml_document doc;
  if (!parse(xml, doc)) return false;
  // find_node walks the tree without recursion: a hostile, deeply nested body cannot exhaust the stack.
  return static_cast<bool>(doc.find_node([&](const pugi::xml_node& node) {
    return node.type() == pugi::node_element && local_name(node) == name;
  }));
}

}  // namespace caldav
