#include "support/radicale_server.h"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

namespace lobsync::test {

namespace {

using namespace std::chrono_literals;

void check_name(const std::string& name) {
  const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) != 0 || std::isdigit(c) != 0 || c == '.' || c == '_' || c == '-';
  });
  if (!ok) throw std::invalid_argument("RadicaleServer: user names are [a-z0-9._-]+, got '" + name + "'");
}

// A port nobody listens on right now. Radicale binds it a moment later; if another process
// wins the race, start() notices and tries again.
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot find a free loopback port");
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// The rules of owner_only, plus read and write everywhere for service accounts.
std::string rights_file(const std::vector<std::string>& service_accounts) {
  std::string text;
  for (const auto& account : service_accounts) {
    std::string pattern;
    for (char c : account) pattern += c == '.' ? std::string("\\.") : std::string(1, c);
    text += "[service-" + account + "]\nuser: " + pattern + "\ncollection: .*\npermissions: RrWw\n\n";
  }
  text +=
      "[owner-home]\nuser: .+\ncollection: {user}\npermissions: RW\n\n"
      "[owner-calendars]\nuser: .+\ncollection: {user}/[^/]+\npermissions: rw\n\n"
      "[root]\nuser: .+\ncollection:\npermissions: R\n";
  return text;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    (*headers)[name] = value;
  }
  return size * count;
}

}  // namespace

RadicaleServer::RadicaleServer(RadicaleOptions options) : options_(std::move(options)) {
  for (const auto& [name, password] : options_.users) check_name(name);
  for (const auto& account : options_.service_accounts) {
    if (!options_.users.contains(account)) throw std::invalid_argument("RadicaleServer: service account without a password");
  }
  storage_ = dir_ / "collections";
  std::string users;
  for (const auto& [name, password] : options_.users) users += name + ":" + password + "\n";
  write_file(dir_ / "users", users);
  if (!options_.service_accounts.empty()) write_file(dir_ / "rights", rights_file(options_.service_accounts));
  start();
}

RadicaleServer::~RadicaleServer() = default;  // Process kills and reaps the server

void RadicaleServer::start() {
  std::string last_log;
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = free_port();
    std::vector<std::string> argv{python(),
                                  "-m",
                                  "radicale",
                                  "--config",
                                  "",
                                  "--server-hosts",
                                  "127.0.0.1:" + std::to_string(port_),
                                  "--auth-type",
                                  "htpasswd",
                                  "--auth-htpasswd-filename",
                                  (dir_ / "users").string(),
                                  "--auth-htpasswd-encryption",
                                  "plain",
                                  "--auth-delay",
                                  "0",  // Radicale sleeps ~1 s after a wrong password by default
                                  "--storage-filesystem-folder",
                                  storage_.string(),
                                  "--logging-level",
                                  "warning"};
    if (options_.service_accounts.empty()) {
      argv.insert(argv.end(), {"--rights-type", "owner_only"});
    } else {
      argv.insert(argv.end(), {"--rights-type", "from_file", "--rights-file", (dir_ / "rights").string()});
    }
    process_.emplace(Process::start(argv));
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (process_->wait(0ms).has_value()) break;  // exited: port taken, or a broken setup
      if (accepts(port_)) return;
      std::this_thread::sleep_for(20ms);
    }
    last_log = process_->drained_stderr();
    process_.reset();
    if (last_log.find("Address already in use") == std::string::npos) break;
  }
  throw std::runtime_error("Radicale did not start on 127.0.0.1:" + std::to_string(port_) + ":\n" + last_log);
}

std::string RadicaleServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

DavAnswer RadicaleServer::request(const std::string& user, const std::string& method, const std::string& path,
                                  const std::string& body, const std::vector<std::string>& headers) const {
  auto password = options_.users.find(user);
  if (password == options_.users.end()) throw std::invalid_argument("RadicaleServer: unknown user " + user);
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list, &curl_slist_free_all);

  DavAnswer answer;
  const std::string target = url(path);
  CURL* h = curl.get();
  curl_easy_setopt(h, CURLOPT_URL, target.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
  curl_easy_setopt(h, CURLOPT_USERNAME, user.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, password->second.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (!body.empty()) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &answer.headers);
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    throw std::runtime_error(method + " " + path + " failed: " + curl_easy_strerror(code));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

void RadicaleServer::make_calendar(const std::string& user, const std::string& name) const {
  const auto answer = request(user, "MKCALENDAR", "/" + user + "/" + name + "/");
  if (answer.status != 201) {
    throw std::runtime_error("MKCALENDAR /" + user + "/" + name + "/ answered " + std::to_string(answer.status) + ": " +
                             answer.body);
  }
}

void RadicaleServer::touch_home(const std::string& user) const {
  const auto answer = request(user, "PROPFIND", "/", "", {"Depth: 0"});
  if (answer.status != 207) throw std::runtime_error("PROPFIND / as " + user + " answered " + std::to_string(answer.status));
}

long RadicaleServer::put_object(const std::string& user, const std::string& owner, const std::string& calendar,
                                const std::string& file, const std::string& ics) const {
  return request(user, "PUT", "/" + owner + "/" + calendar + "/" + file, ics,
                 {"Content-Type: text/calendar; charset=utf-8"})
      .status;
}

std::map<std::string, std::string> RadicaleServer::list_events(const std::string& user, const std::string& name) const {
  std::map<std::string, std::string> out;
  const auto folder = storage_ / "collection-root" / user / name;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".ics") {
      out[entry.path().filename().string()] = read_file(entry.path());
    }
  }
  return out;
}

std::string RadicaleServer::log() { return process_ ? process_->drained_stderr() : std::string(); }

}  // namespace lobsync::test
