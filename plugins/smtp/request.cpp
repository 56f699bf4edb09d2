#include "request.hpp"

#include <lobsync/plugin_sdk.hpp>

namespace smtp {

namespace {

using lobsync::sdk::Error;
using nlohmann::json;

class RequestProblems {
 public:
  void add(const std::string& path, const std::string& message) {
    text_ += (text_.empty() ? "" : "; ") + path + ": " + message;
  }
  void throw_if_any() const {
    if (!text_.empty()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "invalid mail.send request: " + text_);
  }

 private:
  std::string text_;
};

// The string at `key`, or empty with a problem recorded.
std::string required_string(const json& r, const char* key, RequestProblems& problems) {
  const std::string path = std::string("/") + key;
  if (!r.contains(key)) {
    problems.add(path, "missing");
  } else if (!r[key].is_string()) {
    problems.add(path, "must be a string");
  } else if (r[key].get<std::string>().empty()) {
    problems.add(path, "is empty");
  } else {
    return r[key].get<std::string>();
  }
  return {};
}

std::vector<std::string> recipients_of(const json& r, RequestProblems& problems) {
  std::vector<std::string> out;
  if (!r.contains("recipients")) {
    problems.add("/recipients", "missing");
    return out;
  }
  const json& list = r["recipients"];
  if (!list.is_array() || list.empty()) {
    problems.add("/recipients", "must be a non-empty list of addresses");
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "/recipients/" + std::to_string(i);
    if (!list[i].is_string()) {
      problems.add(path, "must be a string");
      continue;
    }
    const auto address = list[i].get<std::string>();
    if (auto why = check_address(address); !why.empty()) {
      problems.add(path, why);
      continue;
    }
    // The same address twice would deliver the same message twice.
    for (std::size_t j = 0; j < out.size(); ++j) {
      if (out[j] == address) problems.add(path, "repeats an earlier recipient");
    }
    out.push_back(address);
  }
  return out;
}

}  // namespace

std::string check_address(std::string_view address) {
  if (address.empty()) return "is empty";
  if (address.size() > kMaxAddressOctets) return "is longer than 254 octets";
  for (char ch : address) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return "contains a control character (CR, LF, NUL, …): refused, it could inject SMTP commands";
    if (c == ' ') return "contains a space";
    if (c == '<' || c == '>') return "contains < or >: give the bare address (local@domain)";
  }
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return "is not an address (local@domain)";
  return {};
}

std::string normalise_message(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 32 + 2);
  std::size_t line = 1;
  std::size_t length = 0;  // octets in the current line so far, without its line end
  auto fail = [&](const std::string& what) {
    throw Error(LOBSYNC_E_INVALID_ARGUMENT, "invalid mail.send request: /message line " + std::to_string(line) + " " + what);
  };
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char c = message[i];
    if (c == '\0') fail("contains a NUL byte");
    if (c == '\r' && (i + 1 == message.size() || message[i + 1] != '\n')) fail("has a bare CR (line ends must be CRLF)");
    if (c == '\r') continue;  // written with its LF below
    if (c == '\n') {
      out += "\r\n";
      ++line;
      length = 0;
      continue;
    }
    if (++length > kMaxLineOctets) {
      fail("is longer than 998 octets (RFC 5322 2.1.1): encode long content as quoted-printable or base64");
    }
    out += c;
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out;
}

std::string_view domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

MailRequest parse_request(const json& r) {
  if (!r.is_object()) throw Error(LOBSYNC_E_INVALID_ARGUMENT, "invalid mail.send request: must be a JSON object");
  RequestProblems problems;
  MailRequest out;
  out.idempotency_key = required_string(r, "idempotency_key", problems);
  out.from = required_string(r, "from", problems);
  if (!out.from.empty()) {
    if (auto why = check_address(out.from); !why.empty()) problems.add("/from", why);
  }
  out.recipients = recipients_of(r, problems);
  const auto message = required_string(r, "message", problems);
  problems.throw_if_any();
  out.message = normalise_message(message);
  return out;
}

}  // namespace smtp
