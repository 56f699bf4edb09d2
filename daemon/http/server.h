// The daemon's HTTP/1.1 server (Boost.Beast, confined to server.cpp). Each connection runs on
// its own strand; handlers run on the I/O threads, so a slow handler holds one of `threads`.
#pragma once

#include "config/config.h"
#include "http/router.h"

#include <cstdint>
#include <memory>

namespace lobsync::http {

class Server {
 public:
  // The router must outlive the server; it is read concurrently and never changed by it.
  Server(const config::HttpSettings& settings, const Router& router);
  ~Server();  // stop()s
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts settings.threads I/O threads. Throws std::runtime_error such as
  // "cannot listen on 127.0.0.1:8080: Address already in use"; std::logic_error when running.
  void start();

  // The port actually bound (settings.port may be 0); 0 before start().
  std::uint16_t port() const;

  // Graceful and idempotent: stops accepting, lets in-flight requests finish and be written
  // with "Connection: close", closes idle keep-alive connections (and requests still being
  // read), waits up to settings.shutdown_grace for that, then cancels what remains and joins
  // the threads. Must not be called from a handler (throws std::logic_error there).
  void stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace lobsync::http
