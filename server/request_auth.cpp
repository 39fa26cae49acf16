#include "server/request_auth.h"

#include <fmt/format.h>

#include "server/live_model.h"

namespace callwatch::server {
namespace {

Response unauthorized(std::string_view code, std::string_view reason) {
  Response r = error_response(401, code, reason);
  r.with_header("WWW-Authenticate", fmt::format("Bearer realm=\"callwatch\", error=\"invalid_token\""));
  return r;
}

}  // namespace

std::expected<Caller, Response> authenticate_request(const Request& req, const LiveModel&) {
  const auto h = req.header("authorization");
  if (!h) return std::unexpected(unauthorized("UNAUTHENTICATED", "no Authorization header: send Authorization: Bearer <token>"));
  std::string_view v = *h;
  if (!v.starts_with("Bearer ")) return std::unexpected(unauthorized("UNAUTHENTICATED", "Authorization must be a Bearer token"));
  v.remove_prefix(7);
  // Placeholder until tokens exist: "user:<id>".
  if (!v.starts_with("user:") || v.size() == 5 || v.size() > 261)
    return std::unexpected(unauthorized("INVALID_TOKEN", "the token is not valid"));
  return Caller{UserId{std::string(v.substr(5))}, {}};
}

std::optional<Response> require_permission(const Caller& caller, Permission p, const LiveModel& live) {
  const bool ok = live.read([&](const projections::Projections& pr) {
    const auto& m = pr.model();
    const std::uint32_t u = m.user_ids().find(caller.user.view());
    return u != projections::kNone && m.users()[u].created && m.users()[u].permissions.has(p);
  });
  if (ok) return std::nullopt;
  return error_response(403, "PERMISSION_DENIED",
                        fmt::format("{} does not have the {} permission", caller.user.view(), to_string(p)));
}

}  // namespace callwatch::server
