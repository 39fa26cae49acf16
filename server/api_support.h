// What the API's routes share: authentication, the permission reads need, ?asOf= and
// ?minPosition=, and X-Callwatch-Position on every read.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>

#include "projections/log_queries.h"
#include "projections/views.h"
#include "server/api.h"
#include "server/request_auth.h"

namespace callwatch::server {

// Where a read is answered from.
struct ReadPoint {
  const projections::ReadModel& model;     // live, or folded up to asOf (Scope::Model)
  projections::ViewPoint view;             // position and "now" of the answer
  const projections::Projections& live;    // the live projections (sessions' audit trail)
  bool past = false;                       // ?asOf= was given
};

enum class Scope {
  Model,     // needs the read model as of the point (asOf folds one from the log)
  Shared,    // Model, and the answer depends on the target and the position only, not on
             // the caller: a live answer is kept and served again until the position moves
             // (a dashboard polling /v1/agents costs one rendering per change, not per poll)
  Position,  // needs only the position (asOf resolves it; the reader filters by position)
};

// The kept answers: one per target (minPosition aside), each valid for one position.
class ReadCache {
 public:
  [[nodiscard]] std::optional<Response> find(const std::string& key, Position at) const;
  void put(const std::string& key, Position at, const Response& r);

 private:
  static constexpr std::size_t kMaxEntries = 256;
  mutable std::mutex mu_;
  std::map<std::string, std::pair<Position, Response>> entries_;
};

using ReadFn = std::function<Response(const Caller&, const Request&, const ReadPoint&)>;

// The whole of a read route: authenticate, AccessMetrics, parse asOf and minPosition, wait
// if asked, answer with fn under the live model's shared lock, add X-Callwatch-Position.
void guarded_read(ApiContext&, const Request&, Reply, Scope, ReadFn fn);

// A bad request: 400 {code: BAD_REQUEST, reason}.
[[nodiscard]] Response bad_request(std::string_view reason);

// "true"/"false"/absent; anything else is an error naming the parameter.
[[nodiscard]] std::expected<bool, Response> flag_param(const Request&, std::string_view name);

}  // namespace callwatch::server
