// The callwatch HTTP API (/v1, /metrics, /healthz, /readyz) on a Router. docs/openapi.yaml
// documents every route and status; tests/server checks it against the live server.
//
// Every /v1 route authenticates first (request_auth.h): 401 with WWW-Authenticate without a
// valid bearer token. Reads need AccessMetrics (403 otherwise); commands are authorized by
// the domain rules, acting as the token's user.
//
// Reads: each reply carries X-Callwatch-Position, the last log position it reflects.
//   ?minPosition=P waits (up to ApiOptions::max_wait, without holding a thread) until the
//   read models have folded P, else 504 POSITION_NOT_REACHED: read-your-writes after a
//   command, whose reply carries the position of its events.
//   ?asOf=P|ISO-time answers from the past (projections/log_queries.h: a model folded from
//   the log up to there), as the command line's --as-of does.
#pragma once

#include <chrono>
#include <functional>

#include "engine/engine.h"
#include "server/change_feed.h"
#include "server/command_writer.h"
#include "server/live_model.h"
#include "server/router.h"

namespace callwatch::server {

class Metrics;
class ReadCache;  // api_support.h

struct ApiOptions {
  std::chrono::milliseconds max_wait{5000};  // ?minPosition=
  std::size_t sse_chunk_bytes = 64 * 1024;   // written per pull to a live-feed client
};

struct ApiContext {
  engine::Engine& engine;
  LiveModel& live;
  CommandWriter& writer;
  ChangeFeed& feed;
  ApiOptions options;
  // Runs work on the I/O pool (a read whose ?minPosition= was reached on the follower's
  // thread); set once the HTTP server runs.
  std::function<void(std::function<void()>)> post;
  // Prometheus text of the server's metrics (metrics route); empty: no metrics.
  std::function<std::string()> metrics_text;
  std::atomic<bool> draining{false};
  // Live answers of caller-independent reads by target and position (api_support.h).
  std::shared_ptr<ReadCache> read_cache;
};

void add_health_routes(Router&, ApiContext&);
void add_read_routes(Router&, ApiContext&);
void add_command_routes(Router&, ApiContext&);
void add_stream_routes(Router&, ApiContext&);
void add_token_routes(Router&, ApiContext&);

inline void add_api_routes(Router& r, ApiContext& c) {
  add_health_routes(r, c);
  add_read_routes(r, c);
  add_command_routes(r, c);
  add_stream_routes(r, c);
  add_token_routes(r, c);
}

}  // namespace callwatch::server
