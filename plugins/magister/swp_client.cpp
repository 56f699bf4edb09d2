#include "swp_client.hpp"

#include <lobsync/url.hpp>

#include "xml_fields.hpp"

#include <lobsync/text_encoding.hpp>

namespace magister {
namespace {

using lobsync::sdk::Error;

// Server text for a message: decoded whatever its encoding, one line, bounded.
std::string server_text(const std::string& bytes) {
  std::string text;
  try {
    text = lobsync::sdk::decode_text(bytes, lobsync::sdk::SourceEncoding::automatic, "SWP answer").utf8;
  } catch (const Error&) {
    text = "(undecodable answer)";
  }
  for (char& c : text) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  if (text.size() > 300) text = text.substr(0, 300) + "…";
  return text;
}

bool starts_like_xml(std::string_view body) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  while (!body.empty() && (body.front() == ' ' || body.front() == '\r' || body.front() == '\n' || body.front() == '\t')) {
    body.remove_prefix(1);
  }
  return body.starts_with("<");
}

}  // namespace

void SwpClient::fail(lobsync_status status, const std::string& message) const {
  std::string clean = message;
  for (const std::string* secret : {&password_, &token_}) {
    lobsync::sdk::redact_secret(clean, *secret, "***");
  }
  throw Error(status, "Magister SWP: " + clean);
}

std::string SwpClient::get(const std::string& what, const std::string& query) {
  const nlohmann::json request{{"method", "GET"},
                               {"url", settings_.url + "?" + query},
                               {"timeout_ms", settings_.timeout_ms},
                               {"headers", {{"Accept", "text/csv, text/xml, */*"}}}};
  lobsync::sdk::HttpResponse response;
  try {
    response = host_.http(request);
  } catch (const Error& e) {
    // Say which call failed; the query string (with the password) is never quoted.
    fail(e.status(), what + ": the host refused the request");
  }
  if (response.status == 0) fail(LOBSYNC_E_UNAVAILABLE, what + ": no answer from the server: " + response.error);
  if (response.status == 401 || response.status == 403) {
    fail(LOBSYNC_E_AUTH, what + ": HTTP " + std::to_string(response.status) +
                             " (is this server's IP address whitelisted for the SWP?)");
  }
  if (response.status == 404) fail(LOBSYNC_E_CONFIG, what + ": HTTP 404; check the url setting");
  if (response.status >= 400) {
    fail(response.status >= 500 || response.status == 429 ? LOBSYNC_E_UNAVAILABLE : LOBSYNC_E_PERMANENT,
         what + ": HTTP " + std::to_string(response.status) + ": " + server_text(response.body));
  }
  return std::move(response.body);
}

void SwpClient::login() {
  password_ = host_.secret(settings_.password);
  token_.clear();
  const std::string body = get("Login", "Library=Algemeen&Function=Login&UserName=" + lobsync::sdk::url_encode(settings_.username) +
                                            "&Password=" + lobsync::sdk::url_encode(password_) + "&Type=XML");
  const std::string xml = server_text(body);
  if (auto exception = xml_element_text(xml, "ExceptionMsg")) fail(LOBSYNC_E_AUTH, "Login failed: " + *exception);
  const auto result = xml_element_text(xml, "Result");
  const auto token = xml_element_text(xml, "SessionToken");
  if (result && (*result == "True" || *result == "true") && token && !token->empty()) {
    token_ = *token;
    return;
  }
  if (!result) fail(LOBSYNC_E_UNAVAILABLE, "Login: the answer is not an SWP Response: " + xml);
  const auto message = xml_element_text(xml, "ResultMessage");
  fail(LOBSYNC_E_AUTH, "login as '" + settings_.username + "' refused: " +
                           (message && !message->empty() ? *message : std::string("no reason given")));
}

std::string SwpClient::csv(const std::string& what, const std::string& query) {
  std::string body = get(what, query + "&SessionToken=" + lobsync::sdk::url_encode(token_) + "&Type=CSV");
  // Errors come as an XML Response even when CSV was asked for.
  if (starts_like_xml(body)) {
    const std::string xml = server_text(body);
    if (auto message = xml_element_text(xml, "ExceptionMsg")) fail(LOBSYNC_E_PERMANENT, what + " failed: " + *message);
    if (auto message = xml_element_text(xml, "ResultMessage")) fail(LOBSYNC_E_PERMANENT, what + " failed: " + *message);
    fail(LOBSYNC_E_PERMANENT, what + ": expected CSV, got XML");
  }
  return body;
}

}  // namespace magister
