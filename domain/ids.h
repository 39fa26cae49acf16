// Strong identifier types. An id is a short string chosen by whoever created the thing
// ("c-17", "alice", "Sales"); the tag makes a UserId and a ContactId different types so
// they can never be swapped by accident.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace callwatch {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  explicit Id(std::string_view value) : value_(value) {}
  explicit Id(const char* value) : value_(value) {}

  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }

  friend bool operator==(const Id&, const Id&) = default;
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

template <class Tag>
struct std::hash<callwatch::Id<Tag>> {
  std::size_t operator()(const callwatch::Id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
