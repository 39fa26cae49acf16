// JSON for the outside world: commands in (one JSON Lines line each), events and decisions out.
//
// Commands: {"type":"MonitorContact","by":"sup","contact":"c-1","mode":"BARGE",
//            "at":"2026-11-23T09:00:00Z","commandId":"k-17"}
// Field names are camelCase (docs/commands.md); enums use their wire names (domain/vocabulary.h);
// permissions accept canonical names and Amazon Connect API aliases and print canonically.
// `by` (EndContact) and `from` (SendMessage) may be "customer", the contact's customer.
// `at` (ISO-8601, codec/time.h) and `commandId` (non-empty string) are optional on every command.
//
// Parsing checks syntax only: presence and types of fields, non-empty ids, enum values, the
// ranges that are part of a command's shape (chatConcurrency 1..10, MAX_* attributes positive).
// Whether a user or contact exists is decide()'s business. Unknown fields are ignored (newer
// clients), but a known field of the wrong type is an error; null counts as absent for
// optional fields. Every failure is a Rejection with code INVALID_COMMAND and a reason naming
// the field and what was expected, e.g. "field 'profiles' must be an array of strings".
#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/commands.h"
#include "domain/events.h"
#include "domain/rejection.h"

namespace callwatch::codec {

// Output keeps fields in a fixed, readable order ("ok" first, then "type", "at", ...);
// it converts implicitly to nlohmann::json where sorted keys are wanted.
using OrderedJson = nlohmann::ordered_json;


[[nodiscard]] std::expected<Command, Rejection> parse_command(std::string_view line);
[[nodiscard]] std::expected<Command, Rejection> command_from_json(const nlohmann::json&);
// Round-trips through command_from_json; defaults are written out explicitly.
[[nodiscard]] OrderedJson to_json(const Command&);

// Events: {"type":"MonitoringStarted","at":"...","contact":"c-1","supervisor":"sup",
// "mode":"SILENT"}; fields are the C++ members in camelCase. Party fields print as "customer"
// or the user id. InstanceAttributeSet's value prints as a boolean for ENHANCED_* attributes,
// a number or null for MAX_*.
[[nodiscard]] OrderedJson to_json(const Event&);
[[nodiscard]] std::expected<Event, std::string> event_from_json(const nlohmann::json&);

// {"ok":false,"code":"RECORDING_DISABLED","reason":"..."}
[[nodiscard]] OrderedJson to_json(const Rejection&);
// {"ok":true,"events":[...]}
[[nodiscard]] OrderedJson accepted_json(std::span<const Event>);

}  // namespace callwatch::codec
