// Authentication of HTTP requests by API token (issue 12, Security).
//
//   auto who = authenticate(request["Authorization"], tokens, now);
//   if (!who) -> 401, header WWW-Authenticate: www_authenticate(who.error()),
//               body {"code": who.error().code, "reason": who.error().reason}
//   else      -> who->user acts; its permissions are the domain's business (decide, can)
//
// The header must be `Bearer cw_<id>_<secret>` (server/token_secret.h; the scheme is
// case-insensitive, RFC 7235). The checks, in order, each with its own code:
//   NO_TOKEN         the header is missing or blank
//   NOT_BEARER       another scheme (Basic, ...) or no credentials after the scheme
//   MALFORMED_TOKEN  not exactly the token's shape (length, prefix, hex, any other byte)
//   UNKNOWN_TOKEN    no token has this id
//   WRONG_SECRET     the id is known, the secret is not its secret (constant-time compare)
//   TOKEN_REVOKED    revoked (RevokeToken): at once, for every request after the event
//   TOKEN_EXPIRED    now >= its expiry
// The secret is checked before revocation and expiry, so only the holder of the secret
// learns the token's state. A reason never repeats the header's text: the secret is never
// echoed and never logged.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "domain/ids.h"
#include "domain/time.h"
#include "projections/tokens.h"

namespace callwatch::server {

struct Principal {
  UserId user;
  std::string token_id;
};

struct AuthFailure {  // always HTTP 401 with WWW-Authenticate
  std::string code;
  std::string reason;
};

// A header longer than this is MALFORMED_TOKEN without further reading.
inline constexpr std::size_t kMaxAuthorizationBytes = 1024;

[[nodiscard]] std::expected<Principal, AuthFailure> authenticate(
    std::string_view authorization_header, const projections::TokenTable& tokens, Timestamp now);

// The WWW-Authenticate value for a 401 (RFC 6750): `Bearer realm="callwatch"` when no token
// came, with `error="invalid_token"` and the reason otherwise.
[[nodiscard]] std::string www_authenticate(const AuthFailure&);

}  // namespace callwatch::server
