// Reads the few elements the SWP puts in its XML answers (Response/Result, SessionToken,
// ResultMessage, Exception, ExceptionMsg). No XML library: these answers are flat, and a text
// search for one element plus entity decoding is all the plugin needs. It does not handle
// namespaces, CDATA or an element name that also appears nested elsewhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace magister {

// The text of the first <name>…</name> (or "" for <name/>), entities decoded; nullopt when the
// element is not there.
std::optional<std::string> xml_element_text(std::string_view xml, std::string_view name);

}  // namespace magister
