// The Medius/SWP webservice of Magister: log in once per read, then fetch CSV exports.
//
// The SWP takes the password in the Login query string; it travels only over TLS (or loopback)
// and the host never logs query strings. Every message this client produces is scrubbed of the
// password and the session token, in case a server echoes them.
#pragma once

#include <lobsync/url.hpp>

#include "settings.hpp"

#include <lobsync/plugin_sdk.hpp>

#include <string>

namespace magister {

class SwpClient {
 public:
  SwpClient(const lobsync::sdk::Host& host, const Settings& settings) : host_(host), settings_(settings) {}

  // Algemeen/Login; throws Error(LOBSYNC_E_AUTH) with the server's ResultMessage when refused.
  void login();

  // The raw CSV bytes of ADFuncties/GetActiveStudents, GetActiveEmpoyees, Data/GetData.
  std::string active_students() { return csv("GetActiveStudents", "Library=ADFuncties&Function=GetActiveStudents"); }
  std::string active_employees() { return csv("GetActiveEmpoyees", "Library=ADFuncties&Function=GetActiveEmpoyees"); }
  std::string layout(const std::string& name) {
    return csv("GetData layout " + name, "Library=Data&Function=GetData&Layout=" + lobsync::sdk::url_encode(name));
  }


 private:
  std::string csv(const std::string& what, const std::string& query);
  // One GET; throws on transport failures and HTTP errors, returns the body otherwise.
  std::string get(const std::string& what, const std::string& query);
  [[noreturn]] void fail(lobsync_status status, const std::string& message) const;

  const lobsync::sdk::Host& host_;
  const Settings& settings_;
  std::string password_;
  std::string token_;
};

}  // namespace magister
