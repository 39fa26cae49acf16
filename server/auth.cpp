#include "server/auth.h"

#include <fmt/format.h>

#include "server/token_secret.h"

namespace callwatch::server {
namespace {

std::unexpected<AuthFailure> fail(std::string code, std::string reason) {
  return std::unexpected(AuthFailure{std::move(code), std::move(reason)});
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::expected<Principal, AuthFailure> authenticate(std::string_view header,
                                                   const projections::TokenTable& tokens,
                                                   Timestamp now) {
  if (header.size() > kMaxAuthorizationBytes)
    return fail("MALFORMED_TOKEN", fmt::format("the Authorization header is over {} bytes",
                                               kMaxAuthorizationBytes));
  header = trim(header);
  if (header.empty()) return fail("NO_TOKEN", "no Authorization header: send 'Bearer <token>'");
  const std::size_t space = header.find_first_of(" \t");
  const std::string_view scheme = header.substr(0, space);
  if (!iequals_ascii(scheme, "Bearer"))
    return fail("NOT_BEARER", "the Authorization scheme must be Bearer");
  const std::string_view credentials =
      space == std::string_view::npos ? std::string_view{} : trim(header.substr(space));
  if (credentials.empty()) return fail("NOT_BEARER", "no token after 'Bearer'");
  const auto parts = split_token(credentials);
  if (!parts)
    return fail("MALFORMED_TOKEN",
                fmt::format("a token is cw_<12 hex digits>_<{} hex digits>", kTokenSecretLength));
  const auto record = tokens.find(parts->id);
  if (!record) return fail("UNKNOWN_TOKEN", fmt::format("unknown token '{}'", parts->id));
  if (!equal_constant_time(sha256_hex(parts->secret), record->secret_sha256))
    return fail("WRONG_SECRET", fmt::format("wrong secret for token '{}'", parts->id));
  if (record->revoked) return fail("TOKEN_REVOKED", fmt::format("token '{}' is revoked", parts->id));
  if (now >= record->expires_at)
    return fail("TOKEN_EXPIRED", fmt::format("token '{}' has expired", parts->id));
  return Principal{record->user, std::string(parts->id)};
}

std::string www_authenticate(const AuthFailure& f) {
  if (f.code == "NO_TOKEN" || f.code == "NOT_BEARER") return R"(Bearer realm="callwatch")";
  std::string description;  // a quoted-string: no quote, backslash or control byte in it
  for (char c : f.reason)
    if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)
      description += c;
  return fmt::format(R"(Bearer realm="callwatch", error="invalid_token", error_description="{}")",
                     description);
}

}  // namespace callwatch::server
