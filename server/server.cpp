#include "server/server.h"

#include "engine/engine.h"
#include "server/api.h"
#include "server/api_support.h"
#include "server/server_metrics.h"

namespace callwatch::server {

struct CallwatchServer::Parts {
  std::unique_ptr<engine::Engine> engine;
  ChangeFeed feed;
  std::unique_ptr<LiveModel> live;
  ServerMetrics metrics;
  std::unique_ptr<CommandWriter> writer;
  std::unique_ptr<ApiContext> api;
  Router router;
  std::unique_ptr<HttpServer> http;
  std::chrono::milliseconds grace{0};
  bool stopped = false;
};

std::expected<std::unique_ptr<CallwatchServer>, std::string> CallwatchServer::start(ServerOptions options) {
  std::unique_ptr<CallwatchServer> s(new CallwatchServer());
  s->parts_ = std::make_unique<Parts>();
  Parts& p = *s->parts_;
  p.grace = options.drain_grace;
  engine::EngineOptions eo;
  eo.data_dir = options.data_dir;
  eo.store.durability = options.durability;
  auto engine = engine::Engine::open(std::move(eo));
  if (!engine) return std::unexpected(engine.error().message);
  p.engine = std::move(*engine);
  auto live = LiveModel::start(*p.engine->store(), p.feed);
  if (!live) return std::unexpected(live.error().message);
  p.live = std::move(*live);
  p.writer = std::make_unique<CommandWriter>(
      *p.engine, [m = &p.metrics](std::size_t events, double seconds) { m->appended(events, seconds); });
  p.api = std::unique_ptr<ApiContext>(new ApiContext{*p.engine, *p.live, *p.writer, p.feed, {}, {}, {}, {}, std::make_shared<ReadCache>()});
  p.api->options.max_wait = options.max_wait;
  p.api->metrics_text = [&p] {
    return p.metrics.render(p.engine->last_position(), p.live->position(), p.feed.clients.load());
  };
  add_api_routes(p.router, *p.api);
  auto http = HttpServer::start(options.http, p.router, [m = &p.metrics](std::string_view route, int status, double seconds) {
    m->request(route, status, seconds);
  });
  if (!http) return std::unexpected(http.error());
  p.http = std::move(*http);
  p.api->post = [h = p.http.get()](std::function<void()> work) { h->post(std::move(work)); };
  return s;
}

CallwatchServer::~CallwatchServer() { stop(); }

std::string CallwatchServer::url() const { return parts_->http->url(); }
std::uint16_t CallwatchServer::port() const { return parts_->http->port(); }
std::vector<std::pair<std::string, std::string>> CallwatchServer::routes() const { return parts_->router.routes(); }

void CallwatchServer::stop() {
  if (!parts_ || parts_->stopped) return;
  Parts& p = *parts_;
  p.stopped = true;
  p.api->draining = true;
  // The listener drains first: requests in flight get their replies (their commands are
  // queued in the writer, which keeps running until it is stopped below).
  p.feed.wake_all();
  p.http->stop(p.grace);
  p.writer->stop();
  p.live->stop();
  p.api->post = nullptr;
  p.http.reset();
  p.writer.reset();
  p.live.reset();
  p.engine.reset();  // closes the store
}

}  // namespace callwatch::server
