// WebDAV XML answers (RFC 4918 §13, 14): 207 Multi-Status bodies of PROPFIND and REPORT, and
// the precondition elements of error bodies (RFC 4791 §5.3.2.1 no-uid-conflict, ...).
//
// Elements are matched by local name, whatever prefix a server binds to "DAV:" or the CalDAV
// namespace: the few names read here do not occur in other namespaces of these answers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caldav {

struct DavResource {
  std::string href;  // as the server wrote it (percent-encoded path)
  int status = 0;    // of the propstat that held the properties, else of the response
  std::optional<std::string> etag;           // with its quotes, as If-Match wants it
  std::optional<std::string> calendar_data;  // the iCalendar text
};

struct Multistatus {
  std::vector<DavResource> resources;
  std::string error;  // set when the body is not a multistatus document
};

Multistatus parse_multistatus(std::string_view xml);

// Whether an XML error body holds an element with this local name (e.g. "no-uid-conflict").
bool has_condition(std::string_view xml, std::string_view local_name);

// 207 from "HTTP/1.1 207 Multi-Status"; 0 when unreadable (not three digits from 100 to 999).
int status_of_line(std::string_view status_line);

}  // namespace caldav
