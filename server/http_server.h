// HttpServer: the HTTP/1.1 listener of `callwatch serve` (Boost.Beast on Boost.Asio; this
// header includes neither, only http_server.cpp does).
//
// A small fixed pool of I/O threads runs every connection, each on its own strand. A
// connection reads one request at a time (keep-alive, no pipelining: the next request is read
// after the reply is written), hands it to the Router, and writes the Reply whenever the
// handler gives it. Handlers never block an I/O thread: work that waits (the engine writer,
// ?minPosition=) keeps the Reply and calls it later.
//
// Hostile clients, answered before any handler runs:
//   - request line + headers over `header_limit` -> 431 and close;
//   - a body over `body_limit` (declared or sent) -> 413 and close;
//   - malformed HTTP -> 400 BAD_REQUEST and close; a target that is not an absolute path,
//     malformed percent escapes or a target that is not UTF-8 -> 400 BAD_REQUEST;
//   - a request (head and body) must arrive within `read_timeout` of its first byte, and an
//     idle keep-alive connection is closed after the same time: a slowloris client holds a
//     socket for at most that long and never holds a thread;
//   - at most `max_connections` at once: the next gets 503 and is closed at once;
//   - a handler that throws answers 500 INTERNAL (no exception leaves a handler).
// CORS is off: no Access-Control-* header is ever sent, so browsers refuse cross-origin reads.
//
// stop() drains: it stops accepting, closes idle connections, lets the requests in flight
// be answered (for up to `grace`), ends live streams, then joins the threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/router.h"

namespace callwatch::server {

struct HttpOptions {
  std::string host = "127.0.0.1";  // an IP literal, or "localhost"
  std::uint16_t port = 8080;       // 0: an ephemeral port (see port())
  int io_threads = 2;
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1 << 20;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{30'000};  // a reply or stream chunk the client does not take
  std::size_t max_connections = 2048;
};

// Told of every reply written: the route's pattern (Router::Match::route), status, seconds
// from the request's arrival to its reply. Called on an I/O thread.
using RequestObserver = std::function<void(std::string_view route, int status, double seconds)>;

class HttpServer {
 public:
  // Binds and starts serving. The router must outlive the server.
  [[nodiscard]] static std::expected<std::unique_ptr<HttpServer>, std::string> start(
      HttpOptions options, const Router& router, RequestObserver observer = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // "http://127.0.0.1:41234"
  [[nodiscard]] std::string url() const;
  [[nodiscard]] std::size_t connections() const;

  // Runs `work` on the I/O pool.
  void post(std::function<void()> work);

  // Drains and stops (idempotent; the destructor calls it with no grace).
  void stop(std::chrono::milliseconds grace);

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace callwatch::server
