#include "server/http_server.h"

#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/url.h"

namespace callwatch::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Clock = std::chrono::steady_clock;

namespace {

class Session;

}  // namespace

struct HttpServer::Impl {
  HttpOptions options;
  const Router& router;
  RequestObserver observer;
  // Declared before the io_context: sessions its queue still holds are destroyed with it,
  // and they unregister here.
  std::atomic<bool> draining{false};
  std::atomic<std::size_t> live{0};
  std::mutex mu;
  std::condition_variable cv;  // live dropped
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  bool stopped = false;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> threads;

  Impl(HttpOptions o, const Router& r, RequestObserver obs)
      : options(std::move(o)), router(r), observer(std::move(obs)) {}
  void accept();
  void drain_sessions();
};

namespace {

std::string_view reason_phrase(int status) {
  return http::obsolete_reason(static_cast<http::status>(status));
}

// One connection. Runs on its strand; every member is touched only from there.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl& server) : stream_(std::move(socket)), server_(server) {}
  ~Session() {
    if (source_) source_->close();
    {
      std::lock_guard l(server_.mu);
      server_.sessions.erase(this);
    }
    server_.live.fetch_sub(1);
    server_.cv.notify_all();
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // Refuses the connection: 503 and close (over the connection bound).
  void refuse() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      self->keep_alive_ = false;
      self->write(error_response(503, "TOO_MANY_CONNECTIONS", "the server is at its connection limit"), "refused");
    });
  }

  // From any thread: the server drains. Idle connections close now; a request in flight is
  // answered, then the connection closes; a stream ends.
  void drain() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (self->state_ == State::Reading || self->state_ == State::Streaming) self->close();
    });
  }

 private:
  enum class State { Reading, Handling, Writing, Streaming, Closed };

  void read() {
    if (server_.draining) return close();
    state_ = State::Reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (state_ == State::Closed) return;
    if (ec == http::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset)
      return close();
    keep_alive_ = false;  // after any error below, the stream cannot be trusted
    if (ec == http::error::header_limit)
      return write(error_response(431, "HEADERS_TOO_LARGE",
                                  fmt::format("the request line and headers exceed {} bytes", server_.options.header_limit)),
                   "rejected");
    if (ec == http::error::body_limit)
      return write(error_response(413, "BODY_TOO_LARGE",
                                  fmt::format("the request body exceeds {} bytes", server_.options.body_limit)),
                   "rejected");
    if (ec && ec.category() == http::make_error_code(http::error::bad_target).category())
      return write(error_response(400, "BAD_REQUEST", "malformed HTTP request: " + ec.message()), "rejected");
    if (ec) return close();
    started_ = Clock::now();
    stream_.expires_never();
    state_ = State::Handling;
    handle(parser_->release());
  }

  void handle(http::request<http::string_body> msg) {
    keep_alive_ = msg.keep_alive();
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    req.body = std::move(msg.body());
    auto target = parse_target(req.target);
    if (!target) return write(error_response(400, "BAD_REQUEST", "request target: " + target.error()), "rejected");
    req.path = std::move(target->path);
    req.query = std::move(target->query);

    Router::Match m = server_.router.match(req);
    if (!m.handler) return write(std::move(m.error), m.route);
    route_ = m.route;
    // The reply comes once, from any thread; the strand writes it.
    auto once = std::make_shared<std::atomic<bool>>(false);
    Reply reply = [self = shared_from_this(), once](Response r) {
      if (once->exchange(true)) return;
      net::post(self->stream_.get_executor(),
                [self, r = std::move(r)]() mutable { self->write(std::move(r), self->route_); });
    };
    try {
      (*m.handler)(req, reply);
    } catch (const std::exception& e) {
      reply(error_response(500, "INTERNAL", std::string("the handler failed: ") + e.what()));
    } catch (...) {
      reply(error_response(500, "INTERNAL", "the handler failed"));
    }
  }

  void write(Response r, std::string_view route) {
    if (state_ == State::Closed) return;
    if (server_.draining) keep_alive_ = false;
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    if (server_.observer) {
      try {
        server_.observer(route, r.status, seconds);
      } catch (...) {
      }
    }
    if (r.stream) return start_stream(std::move(r));
    auto msg = std::make_shared<http::response<http::string_body>>();
    msg->version(11);
    msg->result(static_cast<unsigned>(r.status));
    msg->set(http::field::content_type, r.content_type);
    msg->set("X-Content-Type-Options", "nosniff");
    msg->set(http::field::cache_control, "no-store");
    for (auto& [k, v] : r.headers) msg->set(k, v);
    msg->body() = std::move(r.body);
    msg->keep_alive(keep_alive_);
    msg->prepare_payload();
    state_ = State::Writing;
    stream_.expires_after(server_.options.write_timeout);
    http::async_write(stream_, *msg, [self = shared_from_this(), msg](error_code ec, std::size_t) {
      if (ec || !self->keep_alive_) return self->close();
      self->read();
    });
  }

  // Server-Sent Events: the head without a length, then whatever the source gives.
  void start_stream(Response r) {
    state_ = State::Streaming;
    source_ = std::move(r.stream);
    out_ = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nCache-Control: no-store\r\n"
                       "X-Content-Type-Options: nosniff\r\nConnection: close\r\n",
                       r.status, reason_phrase(r.status), r.content_type);
    for (auto& [k, v] : r.headers) out_ += fmt::format("{}: {}\r\n", k, v);
    out_ += "\r\n";
    // A read that only notices the client going away (anything it sends is ignored).
    stream_.expires_never();
    watch();
    send_stream();
  }

  void watch() {
    stream_.async_read_some(net::buffer(sink_), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close();
      self->watch();
    });
  }

  void send_stream() {
    if (state_ != State::Streaming) return;
    if (out_.empty()) {
      StreamSource::Pull p;
      try {
        p = source_->pull(out_, [weak = weak_from_this()] {
          if (auto self = weak.lock())
            net::post(self->stream_.get_executor(), [self] { self->send_stream(); });
        });
      } catch (...) {
        p = StreamSource::Pull::End;
      }
      if (p == StreamSource::Pull::End) return close();
      if (p == StreamSource::Pull::Idle && out_.empty()) return;
    }
    writing_.swap(out_);
    out_.clear();
    stream_.expires_after(server_.options.write_timeout);  // the read watch keeps its own (none)
    net::async_write(stream_, net::buffer(writing_), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec) return self->close();
      self->writing_.clear();
      self->send_stream();
    });
  }

  void close() {
    if (state_ == State::Closed) return;
    state_ = State::Closed;
    if (source_) source_->close();
    error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  State state_ = State::Reading;
  bool keep_alive_ = true;
  Clock::time_point started_ = Clock::now();
  std::string route_;
  std::shared_ptr<StreamSource> source_;
  std::string out_, writing_;
  std::array<char, 512> sink_{};
};

}  // namespace

void HttpServer::Impl::accept() {
  acceptor.async_accept(net::make_strand(ioc), [this](error_code ec, tcp::socket socket) {
    if (ec) {
      if (!draining && acceptor.is_open()) accept();
      return;
    }
    if (draining) return;
    const std::size_t n = live.fetch_add(1) + 1;
    auto s = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard l(mu);
      sessions.emplace(s.get(), s);
    }
    if (n > options.max_connections) s->refuse();
    else s->start();
    accept();
  });
}

void HttpServer::Impl::drain_sessions() {
  std::vector<std::shared_ptr<Session>> all;
  {
    std::lock_guard l(mu);
    for (auto& [p, w] : sessions)
      if (auto s = w.lock()) all.push_back(std::move(s));
  }
  for (auto& s : all) s->drain();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { stop(std::chrono::milliseconds{0}); }

std::expected<std::unique_ptr<HttpServer>, std::string> HttpServer::start(HttpOptions options, const Router& router,
                                                                          RequestObserver observer) {
  auto impl = std::make_unique<Impl>(std::move(options), router, std::move(observer));
  error_code ec;
  std::string host = impl->options.host == "localhost" ? "127.0.0.1" : impl->options.host;
  const auto address = net::ip::make_address(host, ec);
  if (ec) return std::unexpected(fmt::format("--listen: '{}' is not an IP address", impl->options.host));
  const tcp::endpoint endpoint(address, impl->options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) return std::unexpected(fmt::format("cannot listen on {}:{}: {}", host, impl->options.port, ec.message()));
  impl->accept();
  const int n = std::max(1, impl->options.io_threads);
  for (int i = 0; i < n; ++i)
    impl->threads.emplace_back([p = impl.get()] {
      for (;;) {
        try {
          p->ioc.run();
          return;
        } catch (...) {
          // A handler's exception that escaped its own guard: keep the thread serving.
        }
      }
    });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

std::uint16_t HttpServer::port() const {
  error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

std::string HttpServer::url() const {
  error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  if (ec) return {};
  const auto a = ep.address();
  return a.is_v6() ? fmt::format("http://[{}]:{}", a.to_string(), ep.port())
                   : fmt::format("http://{}:{}", a.to_string(), ep.port());
}

void HttpServer::post(std::function<void()> work) {
  net::post(impl_->ioc, [w = std::move(work)] {
    try {
      w();
    } catch (...) {
    }
  });
}

std::size_t HttpServer::connections() const { return impl_->live.load(); }

void HttpServer::stop(std::chrono::milliseconds grace) {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->draining = true;
  net::post(impl_->ioc, [p = impl_.get()] {
    error_code ec;
    p->acceptor.close(ec);
  });
  impl_->drain_sessions();
  {
    std::unique_lock l(impl_->mu);
    impl_->cv.wait_for(l, grace, [&] { return impl_->live.load() == 0; });
  }
  impl_->drain_sessions();  // anything that started streaming meanwhile
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  impl_->threads.clear();
  // Sessions still held by pending handlers die with the io_context's queue.
}

}  // namespace callwatch::server
