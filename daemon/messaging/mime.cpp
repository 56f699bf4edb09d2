#include "messaging/mime.h"

namespace lobsync::messaging {

std::string build_text_message(const TextMessage& m) {
  std::string out = common_headers({m.from, m.to, m.subject, m.message_id_left, m.date});
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += base64_body(to_crlf(m.body));
  return out;
}

}  // namespace lobsync::messaging
