// Internal to decide*.cpp: lookups that reject with the right code, and the event buffer.
#pragma once

#include <fmt/format.h>

#include <expected>
#include <string>
#include <utility>
#include <vector>

#include "domain/decide.h"

namespace callwatch::detail {

inline std::unexpected<Rejection> reject(RejectionCode code, std::string reason) {
  return std::unexpected(Rejection{code, std::move(reason)});
}

template <class T>
using Found = std::expected<const T*, Rejection>;

inline Found<UserState> user(const State& s, const UserId& id) {
  if (const UserState* u = find(s, id)) return u;
  return reject(RejectionCode::UnknownUser, fmt::format("unknown user '{}'", id.view()));
}

inline Found<ContactState> contact(const State& s, const ContactId& id) {
  if (const ContactState* c = find(s, id)) return c;
  return reject(RejectionCode::UnknownContact, fmt::format("unknown contact '{}'", id.view()));
}

// The acting user must exist and hold `permission` to do `what` ("create users").
inline Found<UserState> actor_with(const State& s, const UserId& id, Permission permission,
                                   std::string_view what) {
  auto u = user(s, id);
  if (u && !(*u)->permissions.has(permission))
    return reject(RejectionCode::PermissionDenied,
                  fmt::format("user '{}' may not {}: needs permission {}", id.view(), what,
                              to_string(permission)));
  return u;
}

// What each rule function answers: accepted (its events are in the Emitter's buffer), or the
// rejection. (The engine's Outcome is a whole command's answer, with its events.)
using RuleResult = std::expected<void, Rejection>;

// Appends the events of one decision, all stamped with the command's time, to the caller's
// buffer (decide_into's `out`). Copied by value into each rule; it refers, never owns.
struct Emitter {
  Timestamp at;
  std::vector<Event>* events;

  // Makes the event E from `fields` in its place in the buffer: ids are copied from the
  // command once and never moved through temporaries (this runs for every event written).
  template <class E, class... Fields>
  void emit(Fields&&... fields) {
    events->emplace_back(at, std::in_place_type<E>, std::forward<Fields>(fields)...);
  }
  static RuleResult done() { return {}; }
};

// Supervision commands (supervision.cpp).
RuleResult decide_monitor(const State&, Emitter, const cmd::MonitorContact&);
RuleResult decide_set_mode(const State&, Emitter, const cmd::SetMonitorMode&);
RuleResult decide_join(const State&, Emitter, const cmd::JoinConversation&);
RuleResult decide_stop(const State&, Emitter, const cmd::StopMonitoring&);
RuleResult decide_message(const State&, Emitter, const cmd::SendMessage&);

// Sessions of `user` that the permissions `now` no longer allow, stopped with `reason`.
void stop_disallowed_sessions(const State&, Emitter&, const UserId& user, PermissionSet now);

}  // namespace callwatch::detail
