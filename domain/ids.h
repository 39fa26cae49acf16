// Strong identifier types. An id is a short string chosen by whoever created the thing
// ("c-17", "alice", "Sales"); the tag makes a UserId and a ContactId different types so
// they can never be swapped by accident. Ids up to 23 bytes live inline (inline_string.h).
#pragma once

#include <bit>
#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/inline_string.h"

namespace callwatch {

// The hash of an id for the decision state's and the read models' tables (one function for
// both, so a better one helps everywhere). Ids are short
// ("c-17", "Sales-104233"), and every command looks several up: an inline multiply-mix
// over 8-byte words is several times cheaper than std::hash<std::string>'s out-of-line
// Murmur. Words are read little-endian, so it is the same on every platform (the
// simulator's log digest relies on that); it may change between versions of callwatch.
[[nodiscard]] inline std::uint64_t hash_id(std::string_view s) noexcept {
  auto load = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if constexpr (std::endian::native == std::endian::big) w = std::byteswap(w);
    return w;
  };
  auto mix = [](std::uint64_t h) {
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 31);
  };
  const char* p = s.data();
  std::size_t n = s.size();
  std::uint64_t h = mix(0x9E3779B97F4A7C15ULL + n);  // mixed alone: no length can cancel a byte
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) h = mix(h ^ load(p));
    h = mix(h ^ load(p + n - 8));  // the last 8 bytes, overlapping the previous word
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    h = mix(h ^ w);
  }
  // splitmix64's finaliser: both halves come out well mixed (a table's home bucket from the
  // low half, a probe tag from the high half, as projections/id_index.h uses them).
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

template <class Tag>
class Id {
 public:
  Id() : hash_(hash_id({})) {}
  explicit Id(std::string_view value) : value_(value), hash_(hash_id(value)) {}
  explicit Id(const std::string& value) : Id(std::string_view(value)) {}
  explicit Id(const char* value) : Id(std::string_view(value)) {}

  [[nodiscard]] std::string_view view() const noexcept { return value_.view(); }
  [[nodiscard]] const char* c_str() const noexcept { return value_.data(); }  // NUL-terminated
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  // hash_id(view()), computed once when the id is made: an id is looked up many times more
  // often than it is made (a contact id: once per command, in decide and again in evolve).
  [[nodiscard]] std::uint64_t hash() const noexcept { return hash_; }

  friend bool operator==(const Id& a, const Id& b) noexcept {
    return a.hash_ == b.hash_ && a.value_ == b.value_;
  }
  friend std::strong_ordering operator<=>(const Id& a, const Id& b) noexcept { return a.view() <=> b.view(); }

 private:
  InlineString value_;
  std::uint64_t hash_;
};

using UserId = Id<struct UserTag>;
using ContactId = Id<struct ContactTag>;
using QueueId = Id<struct QueueTag>;
using FlowId = Id<struct FlowTag>;
using ProfileId = Id<struct ProfileTag>;
// An API token's public id (the `<id>` of `cw_<id>_<secret>`); never the secret.
using TokenId = Id<struct TokenTag>;

// Who spoke or hung up: a user, or the contact's customer (spelled "customer" in commands).
struct Party {
  enum class Kind : unsigned char { User, Customer };
  Kind kind = Kind::Customer;
  UserId user;  // empty for the customer

  static Party customer() { return Party{}; }
  static Party of(UserId u) { return Party{Kind::User, std::move(u)}; }
  [[nodiscard]] bool is_customer() const noexcept { return kind == Kind::Customer; }
  friend bool operator==(const Party&, const Party&) = default;
};

}  // namespace callwatch


template <class Tag>
struct std::hash<callwatch::Id<Tag>> {
  std::size_t operator()(const callwatch::Id<Tag>& id) const noexcept {
    return static_cast<std::size_t>(id.hash());
  }
};
