// GET /v1/stream: Server-Sent Events, one per event the read models fold, `id` = its log
// position. A client that reconnects with Last-Event-ID (or ?lastEventId=) gets every change
// after it, none twice: from the feed's ring when it still holds them, else read back from
// the log first. Without one it starts live, after the current head. Filters as the reads:
// ?queue=&agent=&contact=&channel=&state=. A client that falls behind the ring while live is
// dropped (the connection ends); it resumes with Last-Event-ID.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "codec/event_codec.h"
#include "server/api_support.h"

namespace callwatch::server {
namespace {

class SseSource final : public StreamSource {
 public:
  SseSource(ChangeFeed& feed, const eventstore::EventStore& store, ChangeFilter filter, Position cursor,
            std::size_t chunk)
      : feed_(feed), store_(store), filter_(std::move(filter)), cursor_(cursor), chunk_(chunk) {
    feed_.clients.fetch_add(1);
  }
  ~SseSource() override { feed_.clients.fetch_sub(1); }

  Pull pull(std::string& out, std::function<void()> wake) override {
    if (closed_) return Pull::End;
    if (first_) {
      first_ = false;
      out += fmt::format("retry: 1000\n: callwatch live feed after position {}\n\n", cursor_);
      return Pull::Data;
    }
    for (int rounds = 0; out.empty() && rounds < 64; ++rounds) {
      if (feed_.read(&cursor_, filter_, chunk_, out) == ChangeFeed::Read::Ok) {
        live_ = true;
        if (!out.empty()) return Pull::Data;
        feed_.wait(cursor_, std::move(wake));
        return Pull::Idle;
      }
      if (live_) return Pull::End;  // fell out of the ring while live: drop, it resumes
      if (!from_log(out)) return Pull::End;
    }
    return Pull::Data;
  }

  void close() override { closed_ = true; }

 private:
  // Catches up from the log (what the ring no longer or never held).
  bool from_log(std::string& out) {
    auto events = store_.read_all(cursor_ + 1, 512);
    if (!events) return false;
    if (events->empty()) return false;  // the ring says behind, the log has nothing: give up
    for (const auto& e : *events) {
      if (auto env = codec::decode_event(e.data)) {
        Change c = make_change(e.position, env->event, nullptr);
        if (filter_.matches(c)) append_sse(c, out);
      }
      cursor_ = e.position;
      if (out.size() >= chunk_) break;
    }
    return true;
  }

  ChangeFeed& feed_;
  const eventstore::EventStore& store_;
  ChangeFilter filter_;
  Position cursor_;
  std::size_t chunk_;
  bool first_ = true, live_ = false;
  std::atomic<bool> closed_{false};
};

}  // namespace

void add_stream_routes(Router& r, ApiContext& c) {
  r.add("GET", "/v1/stream", [&c](const Request& req, Reply reply) {
    auto caller = authenticate_request(req, c.live);
    if (!caller) return reply(std::move(caller.error()));
    if (!c.live.ready()) return reply(error_response(503, "NOT_READY", "the read models are still catching up with the log"));
    if (auto no = require_permission(*caller, Permission::AccessMetrics, c.live)) return reply(std::move(*no));
    auto filter = ChangeFilter::from_query(req);
    if (!filter) return reply(std::move(filter.error()));
    // Live from now: after the log's last durable event, not only after what the follower has
    // folded so far, or a client would get the tail of writes that finished before it came.
    Position cursor = std::max(c.feed.head(), c.live.store().last_position());
    std::optional<std::string_view> last = req.header("last-event-id");
    if (!last) last = req.param("lastEventId");
    if (last) {
      Position p = 0;
      const auto [end, ec] = std::from_chars(last->data(), last->data() + last->size(), p);
      if (ec != std::errc{} || end != last->data() + last->size() || last->empty())
        return reply(bad_request("Last-Event-ID must be a log position"));
      cursor = std::min(p, c.live.position());
    }
    Response resp;
    resp.content_type = "text/event-stream";
    resp.with_header("X-Callwatch-Position", std::to_string(cursor));
    resp.stream = std::make_shared<SseSource>(c.feed, c.live.store(), std::move(*filter), cursor, c.options.sse_chunk_bytes);
    reply(std::move(resp));
  });
}

void add_health_routes(Router& r, ApiContext& c) {
  r.add("GET", "/healthz", [](const Request&, Reply reply) { reply(json_response(200, R"({"status":"ok"})")); });
  r.add("GET", "/readyz", [&c](const Request&, Reply reply) {
    if (c.draining) return reply(error_response(503, "DRAINING", "the server is stopping"));
    if (const auto f = c.live.failure(); !f.empty()) return reply(error_response(503, "FOLLOWER_FAILED", f));
    if (!c.live.ready()) return reply(error_response(503, "NOT_READY", "the read models are still catching up with the log"));
    Response ok = json_response(200, fmt::format(R"({{"status":"ready","position":{}}})", c.live.position()));
    ok.with_header("X-Callwatch-Position", std::to_string(c.live.position()));
    reply(std::move(ok));
  });
  r.add("GET", "/metrics", [&c](const Request& req, Reply reply) {
    auto caller = authenticate_request(req, c.live);
    if (!caller) return reply(std::move(caller.error()));
    if (auto no = require_permission(*caller, Permission::AccessMetrics, c.live)) return reply(std::move(*no));
    Response out = json_response(200, c.metrics_text ? c.metrics_text() : std::string());
    out.body.pop_back();
    out.content_type = "text/plain; version=0.0.4";
    reply(std::move(out));
  });
}

}  // namespace callwatch::server
