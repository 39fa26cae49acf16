// Strong identifier types. An id is a short string chosen by whoever created the thing
// ("c-17", "alice", "Sales"); the tag makes a UserId and a ContactId different types so
// they can never be swapped by accident.
#pragma once

#include <compare>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace callwatch {

// Whether two short strings are equal, without a library call for up to 16 bytes.
[[nodiscard]] inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto load8 = [](const char* x) {
    std::uint64_t w;
    std::memcpy(&w, x, 8);
    return w;
  };
  auto load4 = [](const char* x) {
    std::uint32_t w;
    std::memcpy(&w, x, 4);
    return w;
  };
  if (n >= 8 && n <= 16) return load8(p) == load8(q) && load8(p + n - 8) == load8(q + n - 8);
  if (n >= 4 && n < 8) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  explicit Id(std::string_view value) : value_(value) {}
  explicit Id(const char* value) : value_(value) {}

  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

  // Inline for short ids (every hash-table probe compares one): std::string's == calls
  // memcmp through the PLT for any length.
  friend bool operator==(const Id& a, const Id& b) noexcept { return same_bytes(a.value_, b.value_); }
  friend auto operator<=>(const Id&, const Id&) = default;

 private:
  std::string value_;
};

using UserId = Id<struct UserTag>;
using ContactId = Id<struct ContactTag>;
using QueueId = Id<struct QueueTag>;
using FlowId = Id<struct FlowTag>;
using ProfileId = Id<struct ProfileTag>;

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

namespace callwatch {

// The hash of an id for the decision state's and the read models' tables (one function for
// both, so a better one helps everywhere). Ids are short
// ("c-17", "Sales-104233"), and every command looks several up: an inline multiply-mix
// over 8-byte words is several times cheaper than std::hash<std::string>'s out-of-line
// Murmur. Not stable across versions or platforms: never persist it.
[[nodiscard]] inline std::uint64_t hash_id(std::string_view s) noexcept {
  auto load = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
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

}  // namespace callwatch

template <class Tag>
struct std::hash<callwatch::Id<Tag>> {
  std::size_t operator()(const callwatch::Id<Tag>& id) const noexcept {
    return static_cast<std::size_t>(callwatch::hash_id(id.str()));
  }
};
