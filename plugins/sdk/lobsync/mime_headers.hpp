// What a mail API plugin reads from the host's finished MIME message before handing it over:
// its Message-ID (stable per outbox item, so a plugin can look for an earlier copy in the
// mailbox) and its header block unfolded and lower-cased (mail APIs such as Graph's sendMail and
// Gmail's messages.send deliver to the To/Cc/Bcc headers, not to an envelope, so a plugin checks
// that every envelope recipient is named there). Shared by the microsoft365 and google plugins.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace lobsync::sdk::mime {

// The header block of a message: everything before the first empty line (CRLF or LF).
inline std::string header_block(const std::string& message) {
  auto end = message.find("\r\n\r\n");
  if (end == std::string::npos) end = message.find("\n\n");
  return message.substr(0, end);
}

// The header block unfolded (a line break followed by white space continues the header before
// it) and lower-cased.
inline std::string header_block_lower(const std::string& message) {
  std::string block = header_block(message), out;
  for (std::size_t i = 0; i < block.size(); ++i) {
    if ((block[i] == '\r' || block[i] == '\n') && i + 1 < block.size()) {
      std::size_t j = i + (block[i] == '\r' && block[i + 1] == '\n' ? 2 : 1);
      if (j < block.size() && (block[j] == ' ' || block[j] == '\t')) {
        out += ' ';
        i = j;
        continue;
      }
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(block[i])));
  }
  return out;
}

// The value of the Message-ID header ("<id@host>"), trimmed, or empty when there is none.
inline std::string message_id_of(const std::string& message) {
  const std::string block = header_block(message);
  std::string low = block;
  std::transform(low.begin(), low.end(), low.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::size_t at = 0; at < low.size();) {
    const auto end = std::min(low.find('\n', at), low.size());
    if (low.compare(at, 11, "message-id:") == 0) {
      std::string value = block.substr(at + 11, end - at - 11);
      value = value.substr(0, value.find('\r'));  // a bare CR ends the line as well
      const auto first = value.find_first_not_of(" \t");
      const auto last = value.find_last_not_of(" \t\r");
      return first == std::string::npos ? "" : value.substr(first, last - first + 1);
    }
    at = end + 1;
  }
  return {};
}

}  // namespace lobsync::sdk::mime
