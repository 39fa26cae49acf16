// Field-by-field equality of domain events and commands for tests. The domain structs are plain
// aggregates without operator==; this ties their members (up to 5) with structured bindings.
#pragma once

#include <ostream>
#include <tuple>
#include <utility>
#include <variant>

#include "domain/commands.h"
#include "domain/events.h"

namespace callwatch::codec::testing {

struct AnyField {
  template <class T>
  operator T() const;  // never defined: only used in unevaluated brace-init checks
};

template <class T, class... A>
concept BraceInit = requires { T{std::declval<A>()...}; };

template <class T>
auto tie_fields(const T& t) {
  using A = AnyField;
  if constexpr (BraceInit<T, A, A, A, A, A>) {
    const auto& [a, b, c, d, e] = t;
    return std::tie(a, b, c, d, e);
  } else if constexpr (BraceInit<T, A, A, A, A>) {
    const auto& [a, b, c, d] = t;
    return std::tie(a, b, c, d);
  } else if constexpr (BraceInit<T, A, A, A>) {
    const auto& [a, b, c] = t;
    return std::tie(a, b, c);
  } else if constexpr (BraceInit<T, A, A>) {
    const auto& [a, b] = t;
    return std::tie(a, b);
  } else {
    const auto& [a] = t;
    return std::tie(a);
  }
}

template <class... Ts>
bool same_body(const std::variant<Ts...>& x, const std::variant<Ts...>& y) {
  if (x.index() != y.index()) return false;
  return std::visit(
      [&](const auto& a) {
        const auto& b = std::get<std::decay_t<decltype(a)>>(y);
        return tie_fields(a) == tie_fields(b);
      },
      x);
}

inline bool same(const Event& a, const Event& b) { return a.at == b.at && same_body(a.body, b.body); }
inline bool same(const Command& a, const Command& b) {
  return a.at == b.at && a.command_id == b.command_id && same_body(a.body, b.body);
}

}  // namespace callwatch::codec::testing
