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

// Every row of the supervision table (docs/rules.md, PERMISSION_DENIED to
// BARGE_LIMIT_REACHED) that refuses `user` starting a session in `mode` on `contact`
// (`change_mode` false) or switching their session to `mode` (true) now, in the table's
// order; empty when none does. Not only the first: an audit of what an instance did (a fact
// from Amazon Connect, connectors/connect_translator.h) marks it with each rule it breaks.
// The same named predicates as decide(); an unknown contact or user is the one answer.
[[nodiscard]] std::vector<Rejection> broken_supervision_rules(const State& state, const UserId& user,
                                                              const ContactId& contact, MonitorMode mode,
                                                              bool change_mode);

}  // namespace callwatch
