// TokenTable: the API tokens, folded from TokenIssued and TokenRevoked, for authentication
// (server/auth.h) and `callwatch token --list`.
//
// Small (one entry per token ever issued) and in memory: find() is one hash lookup under a
// shared lock, no I/O, so every HTTP request can ask it. Thread-safe: one thread applies
// events (the server's subscription) while any number authenticate; a revocation is seen
// by every find() that starts after apply() returns.
//
// The table holds the secret's SHA-256, never the secret (the log has no secret to give).
#pragma once

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "domain/events.h"
#include "domain/ids.h"
#include "domain/time.h"
#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/position.h"

namespace callwatch::projections {

struct TokenRecord {
  TokenId id;
  UserId user;                // whom it authenticates
  UserId issued_by;
  Timestamp issued_at{};
  Timestamp expires_at{};     // it authenticates strictly before this time
  std::string secret_sha256;  // 64 lowercase hex digits
  bool revoked = false;
  std::optional<Timestamp> revoked_at;
  std::optional<UserId> revoked_by;
};

class TokenTable {
 public:
  TokenTable() = default;
  TokenTable(const TokenTable&) = delete;
  TokenTable& operator=(const TokenTable&) = delete;

  // Folds TokenIssued and TokenRevoked at `position`; any other event is ignored. Never
  // fails: a revocation of an unknown token (a foreign log) changes nothing.
  void apply(Position position, const Event& event);

  [[nodiscard]] std::optional<TokenRecord> find(std::string_view id) const;
  // Every token, sorted by id.
  [[nodiscard]] std::vector<TokenRecord> list() const;
  // Records that the log was read up to `position` (events there moved no token).
  void advance_to(Position position);
  [[nodiscard]] std::size_t size() const;
  // The last position applied (0: none); what the table reflects.
  [[nodiscard]] Position position() const;

 private:
  mutable std::shared_mutex mu_;
  absl::flat_hash_map<TokenId, TokenRecord, std::hash<TokenId>> tokens_;
  Position position_ = 0;
};

// Folds every token event of `store`'s log up to `as_of` (default: its head) into `table`,
// from the position after table.position(). Reads only records whose type is a token event.
[[nodiscard]] Status load_tokens(const eventstore::EventStore& store, TokenTable& table,
                                 Position as_of = ~Position{0});

}  // namespace callwatch::projections
