// POST /v1/tokens and DELETE /v1/tokens/{id}: API tokens while the server holds the store
// (the command line's `callwatch token` cannot open it then).
//
// POST {"user": U, "expires": "8h"} (user defaults to the caller; expires to 8h, grammar of
// server/duration.h) issues a token for U acting as the caller: the domain rules decide
// (ManageUsers). 201 {"token": "cw_<id>_<secret>", "id", "user", "expiresAt"}: the secret is
// in this reply only, never in the log. DELETE revokes (ManageUsers, or one's own token).
// Both reply once the live token table has folded the event: the new token authenticates,
// the revoked one fails, for every request after the reply.
#include <fmt/format.h>

#include <chrono>

#include "codec/json.h"
#include "codec/time.h"
#include "codec/utf8.h"
#include "server/api_support.h"
#include "server/duration.h"
#include "server/rejection_status.h"
#include "server/token_secret.h"

namespace callwatch::server {
namespace {

Timestamp wall_clock() { return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()); }

// Executes one command; on acceptance waits until the live model has folded it, then
// replies with ok(); a rejection replies with its status.
void execute_then(ApiContext& c, Command command, Reply reply, std::function<Response()> ok) {
  const bool queued = c.writer.submit({std::move(command)}, [&c, reply, ok = std::move(ok)](CommandWriter::Done d) {
    if (!d.outcomes) return reply(error_response(503, "STORE_FAILED", "the store failed: " + d.outcomes.error().message));
    const auto& o = d.outcomes->front();
    if (!o) return reply(json_response(http_status(o.error().code), codec::json_text(codec::to_json(o.error()))));
    c.live.when_at(d.position, LiveModel::Clock::now() + c.options.max_wait, [reply, ok, position = d.position](bool) {
      Response r = ok();
      r.with_header("X-Callwatch-Position", std::to_string(position));
      reply(std::move(r));
    });
  });
  if (!queued) reply(error_response(503, "SHUTTING_DOWN", "the server is stopping"));
}

void issue(ApiContext& c, const Request& req, Reply reply) {
  auto caller = authenticate_request(req, c.live);
  if (!caller) return reply(std::move(caller.error()));
  if (auto bad = codec::find_invalid_utf8(req.body)) return reply(bad_request("body: " + codec::describe(*bad, req.body)));
  nlohmann::json body = req.body.empty() ? nlohmann::json::object() : nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return reply(bad_request("the body must be a JSON object"));
  std::string user(caller->user.view());
  if (auto u = body.find("user"); u != body.end() && !u->is_null()) {
    if (!u->is_string() || u->get<std::string>().empty() || u->get<std::string>().size() > codec::kMaxIdBytes)
      return reply(bad_request("field 'user' must be a user id"));
    user = u->get<std::string>();
  }
  Duration lifetime{8 * 3'600'000};
  if (auto e = body.find("expires"); e != body.end() && !e->is_null()) {
    if (!e->is_string()) return reply(bad_request("field 'expires' must be a lifetime such as \"8h\""));
    auto d = parse_lifetime(e->get<std::string>());
    if (!d) return reply(bad_request("field 'expires': " + d.error().message));
    lifetime = *d;
  }
  auto token = make_token();
  if (!token) return reply(error_response(503, "NO_RANDOMNESS", token.error().message));
  const Timestamp at = wall_clock();
  const Timestamp expires = at + lifetime;
  Command cmd{cmd::IssueToken{caller->user, TokenId(token->id), UserId(user), expires, token->secret_sha256}, at};
  execute_then(c, std::move(cmd), std::move(reply), [t = *token, user, expires] {
    codec::OrderedJson j;
    j["token"] = t.text;
    j["id"] = t.id;
    j["user"] = user;
    j["expiresAt"] = codec::format_timestamp(expires);
    return json_response(201, codec::json_text(j));
  });
}

void revoke(ApiContext& c, const Request& req, Reply reply) {
  auto caller = authenticate_request(req, c.live);
  if (!caller) return reply(std::move(caller.error()));
  const std::string& id = req.params.at("id");
  if (!cmd::is_token_id(id)) return reply(error_response(404, "UNKNOWN_TOKEN", "a token id is 12 lowercase hex digits"));
  Command cmd{cmd::RevokeToken{caller->user, TokenId(id)}, wall_clock()};
  execute_then(c, std::move(cmd), std::move(reply), [id] {
    codec::OrderedJson j;
    j["ok"] = true;
    j["revoked"] = id;
    return json_response(200, codec::json_text(j));
  });
}

}  // namespace

void add_token_routes(Router& r, ApiContext& c) {
  r.add("POST", "/v1/tokens", [&c](const Request& req, Reply reply) { issue(c, req, std::move(reply)); });
  r.add("DELETE", "/v1/tokens/{id}", [&c](const Request& req, Reply reply) { revoke(c, req, std::move(reply)); });
}

}  // namespace callwatch::server
