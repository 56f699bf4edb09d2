// base64url without padding (RFC 4648 §5): the alphabet that survives in a URL path unescaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lobsync::links {

std::string base64url_encode(std::string_view bytes);
// nullopt for a character outside the alphabet, padding, or an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace lobsync::links
