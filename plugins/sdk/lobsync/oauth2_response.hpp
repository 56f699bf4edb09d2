// What an OAuth 2.0 token endpoint answers (RFC 6749 5.1 and 5.2), read one way for every
// plugin: the access token and its lifetime, or the refusal as one short line an administrator
// can act on. Microsoft's identity platform adds `error_codes` (AADSTS numbers) to the RFC's
// `error` and `error_description`; the best known of them get a hint naming the fix.
//
// Nothing here quotes the request, so a secret or an assertion can only reach a message if the
// server echoes it; TokenSource (oauth2.hpp) redacts those as well.
#pragma once

#include <lobsync/vendor_answers.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace lobsync::sdk::oauth2 {

// The lifetime assumed when a token answer has no usable `expires_in` (RFC 6749 5.1: RECOMMENDED,
// not required).
inline constexpr std::int64_t kDefaultLifetimeSeconds = 3600;

struct TokenAnswer {
  bool ok = false;
  std::string access_token;  // a credential: never log it
  std::int64_t expires_in = kDefaultLifetimeSeconds;
  std::string error;  // when !ok: "invalid_client: AADSTS7000215: Invalid client secret provided (hint …)"
};

namespace detail {

// Microsoft's descriptions run on with "\r\nTrace ID: … Correlation ID: … Timestamp: …": the
// first line is the part that explains; the rest identifies one request for their support.
inline std::string first_line(std::string_view text) {
  const auto end = text.find_first_of("\r\n");
  std::string out(text.substr(0, end));
  for (const char* tail : {" Trace ID:", " Correlation ID:", " Timestamp:"}) {
    if (auto at = out.find(tail); at != std::string::npos) out.erase(at);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  // Control characters from a hostile server must not break a log line.
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

// The AADSTS number of a Microsoft answer: the first of `error_codes`, else one named in the
// description ("AADSTS7000215: …"); 0 when there is none.
inline long long aadsts_code(const nlohmann::json& doc, std::string_view description) {
  if (auto it = doc.find("error_codes"); it != doc.end() && it->is_array() && !it->empty() &&
                                         it->front().is_number_integer()) {
    return it->front().get<long long>();
  }
  const auto at = description.find("AADSTS");
  if (at == std::string_view::npos) return 0;
  long long code = 0;
  int digits = 0;
  for (std::size_t i = at + 6; i < description.size() && digits < 9; ++i, ++digits) {
    const char c = description[i];
    if (c < '0' || c > '9') break;
    code = code * 10 + (c - '0');
  }
  return digits == 0 ? 0 : code;
}

// What an administrator does about the refusals a school meets when it sets the app up.
inline const char* aadsts_hint(long long code) {
  switch (code) {
    case 7000215: return "the client secret is wrong: use the secret's Value, not its Secret ID";
    case 7000222: return "the client secret has expired: add a new one to the app registration";
    case 700016: return "client_id is not an application in this tenant (or consent was not granted)";
    case 90002: return "the tenant does not exist: check tenant";
    case 700027: return "the client assertion's signature is not accepted: upload this certificate to the app registration";
    case 700024: return "the client assertion is outside its valid time: check the server's clock";
    case 70011: return "the scope is not valid for this app";
    case 500011: return "the resource is not found in this tenant: check the scope";
    case 7000112: return "the application is disabled";
    default: return nullptr;
  }
}

// Google's refusals of a service account's JWT bearer grant.
inline const char* google_hint(std::string_view error, std::string_view description) {
  if (error == "unauthorized_client") {
    return "domain-wide delegation is not granted to this service account's client ID for the scope";
  }
  if (error == "invalid_grant" && description.find("Invalid JWT Signature") != std::string_view::npos) {
    return "the key is not (or no longer) a key of this service account";
  }
  if (error == "invalid_grant" && description.find("Invalid email or User ID") != std::string_view::npos) {
    return "the mailbox to act as is not a user of the domain";
  }
  return nullptr;
}

}  // namespace detail

// The refusal in `body` as one line, or empty when the body is not an RFC 6749 5.2 error.
inline std::string describe_token_error(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) return {};
  const auto error = doc.find("error");
  if (error == doc.end() || !error->is_string()) return {};
  std::string out = detail::first_line(error->get<std::string>());
  std::string description;
  if (auto it = doc.find("error_description"); it != doc.end() && it->is_string()) {
    description = it->get<std::string>();
    if (auto line = detail::first_line(description); !line.empty()) out += ": " + line;
  }
  out = quote_vendor_text(std::move(out));
  const char* hint = detail::aadsts_hint(detail::aadsts_code(doc, description));
  if (hint == nullptr) hint = detail::google_hint(error->get<std::string>(), description);
  if (hint != nullptr) out += " (" + std::string(hint) + ")";
  return out;
}

// Reads a token endpoint's answer. Never throws: anything unexpected is a refusal with a reason.
inline TokenAnswer parse_token_response(int status, std::string_view body) {
  TokenAnswer answer;
  if (status != 200) {
    answer.error = describe_token_error(body);
    if (answer.error.empty()) answer.error = "HTTP " + std::to_string(status) + " without an OAuth error";
    return answer;
  }
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (!doc.is_object()) {
    answer.error = "the answer is not a JSON object (" + std::to_string(body.size()) + " bytes)";
    return answer;
  }
  const auto token = doc.find("access_token");
  if (token == doc.end() || !token->is_string() || token->get<std::string>().empty()) {
    answer.error = describe_token_error(body);
    if (answer.error.empty()) answer.error = "the answer has no access_token";
    return answer;
  }
  // RFC 6750 bearer tokens only: another type would be sent the wrong way.
  if (auto type = doc.find("token_type"); type != doc.end()) {
    if (!type->is_string() || (type->get<std::string>() != "Bearer" && type->get<std::string>() != "bearer")) {
      answer.error = "the token is not a Bearer token";
      return answer;
    }
  }
  // Microsoft has sent expires_in as a string in older endpoints; both forms are read.
  if (auto it = doc.find("expires_in"); it != doc.end()) {
    long long seconds = 0;
    if (it->is_number_integer()) {
      seconds = it->get<long long>();
    } else if (it->is_number_float()) {
      const double d = it->get<double>();
      seconds = d > 0 && d < 1e9 ? static_cast<long long>(d) : 0;
    } else if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      if (!s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos) seconds = std::stoll(s);
    }
    if (seconds > 0 && seconds <= 366LL * 24 * 3600) answer.expires_in = seconds;
  }
  answer.ok = true;
  answer.access_token = token->get<std::string>();
  return answer;
}

}  // namespace lobsync::sdk::oauth2
