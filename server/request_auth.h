// Who is asking: the one place /v1 requests are authenticated (server::authenticate over the
// live TokenTable, auth.h: 401 with WWW-Authenticate for any failure), and the permission
// check reads make (AccessMetrics in the live read model).
#pragma once

#include <expected>
#include <string>

#include "domain/ids.h"
#include "domain/permissions.h"
#include "server/http_types.h"

namespace callwatch::server {

class LiveModel;

struct Caller {
  UserId user;
  std::string token_id;
};

// The caller, or the 401 to send (with WWW-Authenticate).
[[nodiscard]] std::expected<Caller, Response> authenticate_request(const Request&, const LiveModel&);

// nullopt when the caller holds `p` in the live read model; else the 403 to send.
[[nodiscard]] std::optional<Response> require_permission(const Caller&, Permission p, const LiveModel&);

}  // namespace callwatch::server
