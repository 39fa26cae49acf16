#include "server/request_auth.h"

#include <fmt/format.h>

#include <chrono>

#include "server/auth.h"
#include "server/live_model.h"

namespace callwatch::server {
std::expected<Caller, Response> authenticate_request(const Request& req, const LiveModel& live) {
  const Timestamp now = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  auto who = authenticate(req.header("authorization").value_or(std::string_view{}), live.tokens(), now);
  if (!who) {
    Response r = error_response(401, who.error().code, who.error().reason);
    r.with_header("WWW-Authenticate", www_authenticate(who.error()));
    return std::unexpected(std::move(r));
  }
  return Caller{std::move(who->user), std::move(who->token_id)};
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
