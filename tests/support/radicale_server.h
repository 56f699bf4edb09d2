// A real CalDAV server for tests: Debian's Radicale (3.1.8 on bookworm) on a free 127.0.0.1 port,
// with htpasswd users (plain passwords), its storage in a scratch folder, killed and reaped when
// the object goes away.
//
// Rights: without service accounts, Radicale's owner_only (each user reads and writes only the
// calendars under /<user>/). Service accounts get from_file rights that add read and write on
// every user's calendars: how a school lets one lobsync account fill mentors' calendars (on
// Nextcloud the mentors share or delegate their calendar to that account instead).
#pragma once

#include "support/process.h"
#include "support/test_env.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lobsync::test {

struct RadicaleOptions {
  // name -> password; names are [a-z0-9._-]+
  std::map<std::string, std::string> users;
  // Users (also listed in `users`) that may read and write every user's calendars.
  std::vector<std::string> service_accounts;
};

struct DavAnswer {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class RadicaleServer {
 public:
  explicit RadicaleServer(RadicaleOptions options);
  ~RadicaleServer();
  RadicaleServer(const RadicaleServer&) = delete;
  RadicaleServer& operator=(const RadicaleServer&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:<port>" + path
  std::string url(const std::string& path = "/") const;

  // One request as `user` (with that user's password from the options), through libcurl.
  DavAnswer request(const std::string& user, const std::string& method, const std::string& path,
                    const std::string& body = {}, const std::vector<std::string>& headers = {}) const;

  // MKCALENDAR /<user>/<name>/ as that user (which also creates the user's home on first use);
  // throws unless the server answers 201.
  void make_calendar(const std::string& user, const std::string& name) const;
  // Creates /<user>/ the way Radicale does when the user first logs in, without a calendar.
  void touch_home(const std::string& user) const;
  // PUT of a raw object as `user` into /<owner>/<calendar>/<file>; returns the HTTP status.
  long put_object(const std::string& user, const std::string& owner, const std::string& calendar,
                  const std::string& file, const std::string& ics) const;

  // The objects stored in /<user>/<name>/ as file name -> iCalendar text, read from the
  // storage folder (so the check does not go through the protocol under test).
  std::map<std::string, std::string> list_events(const std::string& user, const std::string& name) const;

  const std::filesystem::path& storage() const { return storage_; }
  // Radicale's own log so far (stderr), for failure messages.
  std::string log();

 private:
  void start();

  RadicaleOptions options_;
  ScratchDir dir_;
  std::filesystem::path storage_;
  int port_ = 0;
  std::optional<Process> process_;
};

}  // namespace lobsync::test
