#include "server/api_support.h"

#include <fmt/format.h>

#include <charconv>

#include "codec/event_codec.h"

namespace callwatch::server {
namespace {

using projections::AsOf;

[[nodiscard]] std::expected<std::optional<Position>, Response> position_param(const Request& r, std::string_view name) {
  const auto v = r.param(name);
  if (!v) return std::optional<Position>{};
  Position p = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), p);
  if (ec != std::errc{} || end != v->data() + v->size() || v->empty())
    return std::unexpected(bad_request(fmt::format("{} must be a log position (a non-negative integer)", name)));
  return std::optional<Position>{p};
}

Response answer(ApiContext& c, const Caller& caller, const Request& req, Scope scope,
                const std::optional<AsOf>& as_of, const ReadFn& fn) {
  using namespace projections;
  Response r;
  auto call = [&](const ReadPoint& rp) {
    Response x = fn(caller, req, rp);
    x.with_header("X-Callwatch-Position", std::to_string(rp.view.position));
    return x;
  };
  if (as_of && scope != Scope::Position) {
    auto m = model_as_of(c.live.store(), *as_of, {});
    if (!m) return error_response(500, "STORE_FAILED", m.error().message);
    r = c.live.read([&](const Projections& p) {
      return call(ReadPoint{m->model, ViewPoint{m->position, m->model.events_applied(), m->now}, p, true});
    });
  } else if (as_of) {
    auto pos = resolve(c.live.store(), *as_of);
    if (!pos) return error_response(500, "STORE_FAILED", pos.error().message);
    r = c.live.read([&](const Projections& p) {
      ViewPoint v = view_point(p.model());
      v.position = std::min(*pos, p.position());
      if (const Timestamp* t = std::get_if<Timestamp>(&as_of->bound)) {
        v.now = *t;
      } else if (v.position > 0) {
        auto e = c.live.store().read_event(v.position);
        if (e && *e)
          if (auto h = codec::decode_header((**e).data)) v.now = h->at;
      }
      return call(ReadPoint{p.model(), v, p, true});
    });
  } else {
    std::string key;
    if (scope == Scope::Shared && c.read_cache) {
      key = req.path;
      for (const auto& [k, v] : req.query)
        if (k != "minPosition") key += "\n" + k + "=" + v;
    }
    r = c.live.read([&](const Projections& p) {
      if (!key.empty())
        if (auto hit = c.read_cache->find(key, p.position())) return std::move(*hit);
      ViewPoint v = view_point(p.model());
      v.position = p.position();
      Response x = call(ReadPoint{p.model(), v, p, false});
      if (!key.empty() && x.status == 200) c.read_cache->put(key, p.position(), x);
      return x;
    });
  }
  return r;
}

}  // namespace

std::optional<Response> ReadCache::find(const std::string& key, Position at) const {
  std::lock_guard l(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.first != at) return std::nullopt;
  return it->second.second;
}

void ReadCache::put(const std::string& key, Position at, const Response& r) {
  std::lock_guard l(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) entries_.clear();
  entries_[key] = {at, r};
}

Response bad_request(std::string_view reason) { return error_response(400, "BAD_REQUEST", reason); }

std::expected<bool, Response> flag_param(const Request& r, std::string_view name) {
  const auto v = r.param(name);
  if (!v) return false;
  if (*v == "true" || v->empty()) return true;
  if (*v == "false") return false;
  return std::unexpected(bad_request(fmt::format("{} must be true or false", name)));
}

void guarded_read(ApiContext& c, const Request& req, Reply reply, Scope scope, ReadFn fn) {
  auto caller = authenticate_request(req, c.live);
  if (!caller) return reply(std::move(caller.error()));
  if (!c.live.ready()) return reply(error_response(503, "NOT_READY", "the read models are still catching up with the log"));
  if (auto no = require_permission(*caller, Permission::AccessMetrics, c.live)) return reply(std::move(*no));
  std::optional<AsOf> as_of;
  if (auto v = req.param("asOf")) {
    auto b = AsOf::parse(*v);
    if (!b) return reply(bad_request("asOf: " + b.error()));
    as_of = *b;
  }
  auto min = position_param(req, "minPosition");
  if (!min) return reply(std::move(min.error()));

  auto shared = std::make_shared<Request>(req);
  auto run = [&c, shared, reply, scope, as_of, fn = std::move(fn), who = *caller]() {
    Response r;
    try {
      r = answer(c, who, *shared, scope, as_of, fn);
    } catch (const std::exception& e) {
      r = error_response(500, "INTERNAL", e.what());
    }
    reply(std::move(r));
  };
  if (*min && **min > c.live.position()) {
    const Position want = **min;
    c.live.when_at(want, LiveModel::Clock::now() + c.options.max_wait, [&c, run, reply, want](bool reached) {
      if (!reached)
        return reply(error_response(504, "POSITION_NOT_REACHED",
                                    fmt::format("the read models did not reach position {} in time", want)));
      if (c.post) c.post(run);
      else run();
    });
    return;
  }
  run();
}

}  // namespace callwatch::server
