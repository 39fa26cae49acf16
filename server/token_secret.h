// API token secrets: making them, hashing them, comparing hashes.
//
// A token is `cw_<id>_<secret>`: `id` is 12 lowercase hex digits (48 random bits, public: it
// names the token in the log, in `callwatch token --list` and in DELETE /v1/tokens/{id});
// `secret` is 64 lowercase hex digits (256 bits from getrandom(2)). The log keeps only
// SHA-256(secret) in hex (TokenIssued.secretSha256): whoever reads the store cannot
// authenticate. A presented secret is hashed and compared with CRYPTO_memcmp, whose time
// does not depend on where the bytes differ.
//
// The secret is the caller's to print once (the token command) or return once (POST
// /v1/tokens); nothing here logs it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace callwatch::server {

inline constexpr std::string_view kTokenPrefix = "cw_";
inline constexpr std::size_t kTokenSecretLength = 64;  // hex digits: 256 bits
// "cw_" + 12 + "_" + 64.
inline constexpr std::size_t kTokenLength = 3 + 12 + 1 + kTokenSecretLength;

struct NewToken {
  std::string id;             // 12 lowercase hex digits
  std::string secret_sha256;  // what IssueToken carries and the log keeps
  std::string text;           // the whole token, `cw_<id>_<secret>`: show it once, never log it
};

// A fresh token from getrandom(2). Fails only if the kernel's random source does (the
// message says so; no secret in it).
[[nodiscard]] Result<NewToken> make_token();

// The parts of a token's text; nullopt unless it is exactly `cw_`, 12 lowercase hex digits,
// `_` and 64 lowercase hex digits (anything else, any length, any bytes: nullopt).
struct TokenParts {
  std::string_view id;
  std::string_view secret;
};
[[nodiscard]] std::optional<TokenParts> split_token(std::string_view text);

// SHA-256 of `secret` as 64 lowercase hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view secret);

// Whether `a` and `b` are equal, in time that depends on their lengths only (CRYPTO_memcmp).
[[nodiscard]] bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace callwatch::server
