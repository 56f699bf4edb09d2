// The only translation unit that includes Boost.Beast and Asio: their headers cost 10 s+ to
// compile, so everything else talks to the server through Request, Response and Router.
// Shape follows the Beast async examples (see shared/reference/style.md, section 8): a listener
// on a strand, one strand per connection, a fresh parser per request, a deadline before every
// read and write, and a shutdown that lets in-flight requests finish before ioc.stop().
#include <utility>  // before Boost: Asio 1.74 with GCC 12 in C++20 needs it

#include "http/server.h"

#include <lobsync/ascii.hpp>

#include "core/log.h"
#include "core/metrics.h"
#include "core/open_files.h"
#include "http/connection_limit.h"
#include "http/target.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>

namespace lobsync::http {
namespace {

using lobsync::sdk::ascii_lower;

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::uint32_t kHeaderLimitBytes = 8 * 1024;
constexpr std::string_view kLogger = "http";
constexpr std::string_view kRequestsMetric = "lobsync_http_requests_total";
constexpr std::string_view kDurationMetric = "lobsync_http_request_duration_seconds";
constexpr std::string_view kShedMetric = "lobsync_http_connections_shed_total";
constexpr std::size_t kFirstReadBytes = 4096;

// Beast 1.74 hands out boost::string_view.
std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

// Decoded paths may hold control characters; they must not forge or break log lines.
std::string printable(std::string_view text) {
  std::string out(text.empty() ? "-" : text);
  for (auto& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

// Arbitrary methods would make unbounded label values.
std::string method_label(std::string_view method) {
  for (const std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return std::string(known);
  }
  return "other";
}

bool valid_header(std::string_view name, std::string_view value) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string endpoint_text(const std::string& address, std::uint16_t port) {
  if (address.find(':') != std::string::npos) return fmt::format("[{}]:{}", address, port);
  return fmt::format("{}:{}", address, port);
}

// Turns a handler's Response into the message on the wire; the server owns framing
// (Content-Length, Connection) and the headers every response carries.
bhttp::response<bhttp::string_body> build(Response r, unsigned version, bool keep_alive, bool head) {
  if (r.status < 200 || r.status > 599) {
    log::write(log::Level::error, kLogger, fmt::format("handler returned invalid status {}", r.status));
    r = Response::error(500, "internal error");
  }
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(static_cast<unsigned>(r.status));
  std::optional<std::uint64_t> head_length;  // set by Router for HEAD served from GET
  for (const auto& [name, value] : r.headers) {
    if (!valid_header(name, value)) {
      log::write(log::Level::warn, kLogger, fmt::format("dropped invalid response header '{}'", printable(name)));
      continue;
    }
    const auto key = ascii_lower(name);
    if (key == "content-length") {
      std::uint64_t n = 0;
      if (head && std::from_chars(value.data(), value.data() + value.size(), n).ec == std::errc()) head_length = n;
      continue;
    }
    if (key == "connection" || key == "transfer-encoding") continue;
    out.insert(name, value);
  }
  out.set(bhttp::field::server, "lobsync");
  // Nothing is cached unless its handler says so (only the pages' stylesheet does).
  if (out.find(bhttp::field::cache_control) == out.end()) out.set(bhttp::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");

  const bool bodiless_status = r.status == 204 || r.status == 304;
  if (!bodiless_status && !r.content_type.empty()) out.set(bhttp::field::content_type, r.content_type);
  out.body() = bodiless_status ? std::string() : std::move(r.body);
  if (head && !bodiless_status) {
    // A HEAD response announces the length the GET would have, and carries no body.
    const auto length = head_length.value_or(out.body().size());
    out.body().clear();
    out.content_length(length);
  } else {
    out.prepare_payload();
  }
  out.keep_alive(keep_alive);
  return out;
}

class Session;

// What sessions share with the server; outlives the io_context and so every session.
struct Core {
  Core(const config::HttpSettings& s, const Router& r) : settings(s), router(r) {}

  const config::HttpSettings settings;
  const Router& router;
  std::atomic<bool> stopping{false};

  std::size_t max_connections = 0;  // set by start(): the configured limit within the open files limit
  ShedLog shed_log;

  struct Entry {
    std::weak_ptr<Session> session;
    bool idle = false;  // waiting for a request, nothing of it read yet: may be closed for a newcomer
    SteadyTime idle_since{};
  };
  std::mutex mutex;
  std::condition_variable sessions_changed;
  std::unordered_map<const Session*, Entry> sessions;

  void add(const Session* s, std::weak_ptr<Session> weak) {
    std::lock_guard lock(mutex);
    // Idle from the start: a connection that has sent nothing may make room for a newcomer.
    sessions.emplace(s, Entry{std::move(weak), true, std::chrono::steady_clock::now()});
  }
  void set_idle(const Session* s, bool idle) {
    std::lock_guard lock(mutex);
    if (auto it = sessions.find(s); it != sessions.end()) {
      it->second.idle = idle;
      if (idle) it->second.idle_since = std::chrono::steady_clock::now();
    }
  }
  // Room for one more connection: below the limit, or the oldest idle one to close for it
  // (taken off the idle list, so it is chosen once); full with nobody to close otherwise.
  struct Room {
    bool full = false;
    std::shared_ptr<Session> close;
  };
  Room make_room() {
    std::lock_guard lock(mutex);
    if (sessions.size() < max_connections) return {};
    Entry* oldest = nullptr;
    for (auto& [key, entry] : sessions) {
      if (!entry.idle || entry.session.expired()) continue;
      if (oldest == nullptr || entry.idle_since < oldest->idle_since) oldest = &entry;
    }
    if (oldest == nullptr) return {true, nullptr};
    oldest->idle = false;
    return {true, oldest->session.lock()};
  }
  void remove(const Session* s) {
    {
      std::lock_guard lock(mutex);
      sessions.erase(s);
    }
    sessions_changed.notify_all();
  }
  std::vector<std::weak_ptr<Session>> snapshot() {
    std::lock_guard lock(mutex);
    std::vector<std::weak_ptr<Session>> out;
    for (const auto& [key, entry] : sessions) out.push_back(entry.session);
    return out;
  }
  // True when every connection has gone within `grace`.
  bool wait_until_idle(std::chrono::seconds grace) {
    std::unique_lock lock(mutex);
    return sessions_changed.wait_for(lock, grace, [this] { return sessions.empty(); });
  }
};

// One connection. Every member function runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Core& core, tcp::socket&& socket) : core_(core), stream_(std::move(socket)) {
    beast::error_code ec;
    const auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = endpoint.address().to_string();
  }
  ~Session() { core_.remove(this); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void run() {
    core_.add(this, weak_from_this());
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

  auto executor() { return stream_.get_executor(); }

  // Posted by Server::stop() after `stopping` is set. A connection waiting for (the rest of) a
  // request is closed now; one busy with a request answers it first with Connection: close.
  void on_stop() {
    if (reading_) stream_.cancel();
  }

  // Posted when the server is full and this was the oldest idle connection: closed for a newcomer
  // unless a request has begun to arrive meanwhile.
  void evict() {
    if (idle_) stream_.cancel();
  }

 private:
  // Waits for the first bytes of a request as an idle connection (one the server may close when
  // it is full): a new connection for read_timeout, a kept-alive one for idle_timeout.
  void do_read() {
    if (core_.stopping) return close();
    if (buffer_.size() > 0) return read_request(true);  // the next request came with the last one
    idle_ = true;
    core_.set_idle(this, true);
    stream_.expires_after(kept_alive_ ? core_.settings.idle_timeout : core_.settings.read_timeout);
    reading_ = true;
    stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                            beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
  }

  void on_first_bytes(beast::error_code ec, std::size_t bytes) {
    reading_ = false;
    idle_ = false;
    core_.set_idle(this, false);
    // Closed by the client, idle too long, closed for a newcomer or by stop(): nobody to answer.
    if (ec) return close();
    buffer_.commit(bytes);
    read_request(kept_alive_);
  }

  // A new connection's read_timeout started with its first read; a kept-alive one gets its own.
  void read_request(bool new_deadline) {
    if (core_.stopping) return close();
    parser_.emplace();  // a fresh parser per request: limits and state never leak across requests
    parser_->header_limit(kHeaderLimitBytes);
    parser_->body_limit(core_.settings.body_limit_bytes);
    if (new_deadline) stream_.expires_after(core_.settings.read_timeout);
    reading_ = true;
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t /*bytes*/) {
    reading_ = false;
    if (!ec) return handle(parser_->release());
    if (ec == bhttp::error::body_limit) return reject(413, "request body too large");
    if (ec == bhttp::error::header_limit) return reject(431, "request header too large");
    const bool parse_error = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                             ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
    if (parse_error && !core_.stopping) return reject(400, "bad request");
    // End of stream, timeout, cancelled by stop(), reset by the peer: nobody to answer.
    close();
  }

  void handle(bhttp::request<bhttp::string_body> message) {
    const auto started = std::chrono::steady_clock::now();
    Request request;
    request.method = std::string(sv(message.method_string()));
    request.target = std::string(sv(message.target()));
    request.remote_address = remote_;
    for (const auto& field : message) {
      auto [it, inserted] = request.headers.try_emplace(ascii_lower(sv(field.name_string())), sv(field.value()));
      if (!inserted) {
        it->second += ", ";
        it->second += sv(field.value());
      }
    }
    request.body = std::move(message.body());

    Response response;
    if (auto target = parse_target(request.target)) {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
      response = call_router(request);
    } else {
      response = Response::error(400, "bad request target");
    }
    const bool keep_alive = message.keep_alive() && !core_.stopping;
    respond(build(std::move(response), message.version(), keep_alive, request.method == "HEAD"),
            request.method, request.path, started, false);
  }

  Response call_router(Request& request) {
    try {
      return core_.router.dispatch(request);
    } catch (const std::exception& e) {
      log::write(log::Level::error, kLogger,
                 fmt::format("{} {}: handler failed: {}", printable(request.method), loggable(request.path), e.what()));
    } catch (...) {
      log::write(log::Level::error, kLogger,
                 fmt::format("{} {}: handler failed with a non-standard exception", printable(request.method),
                             loggable(request.path)));
    }
    return Response::error(500, "internal error");
  }

  // Answers a request that could not be read whole, then closes without resetting the
  // connection (see do_linger).
  void reject(int status, std::string message) {
    const auto started = std::chrono::steady_clock::now();
    std::string method;
    std::string path;
    unsigned version = 11;
    // The start line may be parsed even when the header is not done (a Content-Length over
    // the body limit fails inside the header); a default message has an empty target.
    const auto& header = parser_->get();
    if (!header.target().empty()) {
      method = std::string(sv(header.method_string()));
      version = header.version();
      if (auto target = parse_target(sv(header.target()))) path = std::move(target->path);
    }
    respond(build(Response::error(status, std::move(message)), version, false, false), method, path, started, true);
  }

  void respond(bhttp::response<bhttp::string_body> response, std::string_view method, std::string_view path,
               SteadyTime started, bool linger) {
    response_ = std::move(response);
    record(method, path, response_.result_int(), started);
    const bool keep_alive = response_.keep_alive();
    stream_.expires_after(core_.settings.read_timeout);
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::on_write, shared_from_this(), keep_alive, linger));
  }

  void on_write(bool keep_alive, bool linger, beast::error_code ec, std::size_t /*bytes*/) {
    if (ec) return close();
    if (linger) return do_linger();
    if (!keep_alive) return close();
    kept_alive_ = true;
    do_read();
  }

  // Closing with unread request bytes in the kernel makes TCP send a reset, which can destroy
  // the error response before the client reads it. So: half-close, then read and discard until
  // the client closes or one read_timeout has passed.
  void do_linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return close();
    stream_.expires_after(core_.settings.read_timeout);  // one deadline for the whole drain
    drain();
  }

  void drain() {
    reading_ = true;
    stream_.async_read_some(net::buffer(drain_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->reading_ = false;
      if (ec) return self->close();
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  void record(std::string_view method, std::string_view path, unsigned status, SteadyTime started) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto& registry = metrics::global();
    registry.inc(kRequestsMetric, {{"method", method_label(method)}, {"status", std::to_string(status)}});
    registry.observe(kDurationMetric, {}, seconds);
    // Never the query string, body or headers: they carry signed tokens and minors' data.
    const auto shown = core_.router.loggable(path);
    log::write(log::Level::info, kLogger,
               fmt::format("{} {} {} {:.1f} ms{}", printable(method), printable(shown.shown), status, seconds * 1000,
                           shown.ref.empty() ? "" : " ref=" + shown.ref));
  }

  // The path as the log may show it: paths such as /p/{token} carry signed links.
  std::string loggable(std::string_view path) const {
    const auto shown = core_.router.loggable(path);
    return printable(shown.shown) + (shown.ref.empty() ? "" : " ref=" + shown.ref);
  }

  Core& core_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;  // alive until its write completes
  std::array<char, 4096> drain_{};
  std::string remote_;
  bool reading_ = false;
  bool idle_ = false;        // waiting for the first bytes of a request
  bool kept_alive_ = false;  // has answered a request and waits for the next
};

}  // namespace

struct Server::Impl {
  Impl(const config::HttpSettings& settings, const Router& router) : core(settings, router) {}

  Core core;  // declared first: it must outlive the io_context, whose handlers own sessions
  std::mutex lifecycle;  // serialises start() and stop()
  std::unique_ptr<net::io_context> ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<std::uint16_t> port{0};
  std::optional<SteadyTime> last_accept_warning;
  std::uint64_t accept_failures = 0;

  void do_accept() {
    acceptor->async_accept(net::make_strand(*ioc), [this](beast::error_code ec, tcp::socket socket) {
      on_accept(ec, std::move(socket));
    });
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      // Runs on the acceptor's strand, so the counters need no lock.
      ++accept_failures;
      const auto now = std::chrono::steady_clock::now();
      if (!last_accept_warning || now - *last_accept_warning >= std::chrono::minutes(1)) {
        log::write(log::Level::warn, kLogger,
                   fmt::format("accept failed: {} ({} time(s) since the last report)", ec.message(), accept_failures));
        last_accept_warning = now;
        accept_failures = 0;
      }
      // Errors such as "too many open files" do not clear at once; retrying at once would spin.
      auto timer = std::make_shared<net::steady_timer>(acceptor->get_executor(), std::chrono::milliseconds(100));
      timer->async_wait([this, timer](beast::error_code) {
        if (acceptor->is_open()) do_accept();
      });
      return;
    }
    if (!core.stopping && admit(socket)) std::make_shared<Session>(core, std::move(socket))->run();
    do_accept();
  }

  // At the connection limit the oldest idle connection makes room; when every connection is busy
  // the new one is closed at once. Logged once a minute at most: a flood must not flood the log.
  bool admit(tcp::socket& socket) {
    const auto room = core.make_room();
    if (!room.full) return true;
    const auto action = room.close ? ShedLog::Action::closed_idle : ShedLog::Action::refused;
    metrics::global().inc(kShedMetric, {{"action", room.close ? "closed_idle" : "refused"}});
    if (auto line = core.shed_log.count(action, core.max_connections, std::chrono::steady_clock::now())) {
      log::write(log::Level::warn, kLogger, *line);
    }
    if (room.close) {
      net::post(room.close->executor(), [session = room.close] { session->evict(); });
      return true;
    }
    beast::error_code ec;
    socket.close(ec);
    return false;
  }

  void run_thread() {
    for (;;) {
      try {
        ioc->run();
        return;
      } catch (const std::exception& e) {
        log::write(log::Level::error, kLogger, fmt::format("I/O thread: {}", e.what()));
      }
    }
  }
};

Server::Server(const config::HttpSettings& settings, const Router& router)
    : impl_(std::make_unique<Impl>(settings, router)) {
  auto& registry = metrics::global();
  registry.describe(std::string(kRequestsMetric), "HTTP requests answered, by method and status.",
                    metrics::Type::counter);
  registry.describe(std::string(kDurationMetric), "Time from a request read to its response ready.",
                    metrics::Type::summary);
  registry.describe(std::string(kShedMetric),
                    "Connections closed at the connection limit: the oldest idle one for a newcomer, or the newcomer.",
                    metrics::Type::counter);
}

Server::~Server() {
  try {
    stop();
  } catch (const std::exception& e) {
    log::write(log::Level::error, kLogger, fmt::format("stopping the HTTP server: {}", e.what()));
  }
}

void Server::start() {
  auto& s = *impl_;
  std::lock_guard lifecycle(s.lifecycle);
  if (s.ioc) throw std::logic_error("the HTTP server is already running");
  const auto& settings = s.core.settings;
  const auto where = endpoint_text(settings.address, settings.port);
  auto fail = [&](const char* step, const beast::error_code& ec) {
    return std::runtime_error(fmt::format("cannot listen on {}: {} ({})", where, ec.message(), step));
  };

  const unsigned thread_count = std::max(1u, settings.threads);
  auto ioc = std::make_unique<net::io_context>(static_cast<int>(thread_count));
  beast::error_code ec;
  const auto address = net::ip::make_address(settings.address, ec);
  if (ec) throw fail("address", ec);
  const tcp::endpoint endpoint(address, settings.port);
  auto acceptor = std::make_unique<tcp::acceptor>(net::make_strand(*ioc));
  acceptor->open(endpoint.protocol(), ec);
  if (ec) throw fail("open", ec);
  acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (ec) throw fail("set_option", ec);
  acceptor->bind(endpoint, ec);
  if (ec) throw fail("bind", ec);
  acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw fail("listen", ec);
  s.port = acceptor->local_endpoint().port();

  s.core.stopping = false;
  s.core.max_connections = connection_budget(settings.max_connections, open_files_limit());
  s.ioc = std::move(ioc);
  s.acceptor = std::move(acceptor);
  s.do_accept();
  for (unsigned i = 0; i < thread_count; ++i) s.threads.emplace_back([&s] { s.run_thread(); });
  log::write(log::Level::info, kLogger,
             fmt::format("listening on {} with {} thread(s), at most {} connections",
                         endpoint_text(settings.address, s.port), thread_count, s.core.max_connections));
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::stop() {
  auto& s = *impl_;
  std::lock_guard lifecycle(s.lifecycle);
  if (!s.ioc) return;
  for (const auto& thread : s.threads) {
    if (thread.get_id() == std::this_thread::get_id()) {
      throw std::logic_error("Server::stop() called from one of its own I/O threads");
    }
  }

  // 1. No new connections; sessions see the flag before their next read.
  s.core.stopping = true;
  net::post(s.acceptor->get_executor(), [&acceptor = *s.acceptor] {
    beast::error_code ec;
    acceptor.close(ec);
  });
  // 2. Idle connections close now; busy ones finish their exchange with Connection: close.
  for (const auto& weak : s.core.snapshot()) {
    if (auto session = weak.lock()) net::post(session->executor(), [session] { session->on_stop(); });
  }
  // 3. Grace period, then cancel whatever is left.
  if (!s.core.wait_until_idle(s.core.settings.shutdown_grace)) {
    log::write(log::Level::warn, kLogger,
               fmt::format("connections still open after the {} s shutdown grace; cancelling them",
                           s.core.settings.shutdown_grace.count()));
  }
  s.ioc->stop();
  for (auto& thread : s.threads) thread.join();
  s.threads.clear();
  s.acceptor.reset();
  s.ioc.reset();  // destroys pending handlers and with them the remaining sessions and sockets
  log::write(log::Level::info, kLogger, "stopped");
}

}  // namespace lobsync::http
