// decide(): the rules of live supervision. Pure: the same state and command always give the
// same answer, with no I/O and no clock. The rules, their codes and their order are
// documented in docs/rules.md; decide.cpp is their single implementation.
#pragma once

#include <expected>
#include <optional>
#include <vector>

#include "domain/commands.h"
#include "domain/events.h"
#include "domain/rejection.h"
#include "domain/state.h"

namespace callwatch {

using Decision = std::expected<std::vector<Event>, Rejection>;

[[nodiscard]] Decision decide(const State& state, const Command& command);

// decide() into a buffer the caller keeps: `out` is cleared, then holds the events if the
// command is accepted (and is empty if not). The same rules; for loops that decide millions
// of commands and keep no decision (the simulator's in-memory sink), reusing `out` saves an
// allocation per command.
[[nodiscard]] std::expected<void, Rejection> decide_into(const State& state, const Command& command,
                                                         std::vector<Event>& out);

// May `user` start supervising `contact` in `mode` (Silent or Barge) now? nullopt means yes.
// The same check decide() runs for MonitorContact; read models ask it to answer "why not".
[[nodiscard]] std::optional<Rejection> check_monitor(const State& state, const UserId& user,
                                                     const ContactId& contact, MonitorMode mode);

}  // namespace callwatch
