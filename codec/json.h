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
//
// A command line must be UTF-8 (codec/utf8.h) before it is parsed at all; one that is not is
// INVALID_COMMAND "not valid UTF-8 at byte offset N (0xNN ...)". Ids (every field naming a
// user, profile, queue, flow or contact) and commandId are at most kMaxIdBytes long: the event
// store keys its streams and event ids by them. A command line is at most kMaxCommandBytes.
//
// The JSON string policy (one for every JSON writer of the project: commands, events,
// rejections, read models, reports, the command line's --json output):
//   - JSON text is only ever produced by json_text() below, which serializes with nlohmann's
//     error_handler_t::replace: an invalid UTF-8 sequence in any string becomes U+FFFD (one
//     per maximal subpart, written as the raw bytes EF BF BD, not escaped), so writing
//     JSON never throws, whatever bytes a string holds. Other bytes are escaped as JSON
//     requires (control characters as six-character escapes); valid non-ASCII text is written as is.
//   - Strings from outside (ids and text read from the log, quoted user input in error
//     messages) are made valid when they enter a JSON value, with the same rule
//     (codec::make_valid_utf8, tested equal to nlohmann's replace), so a JSON value handed to
//     any other code is valid UTF-8 too.
//   - Error messages quote untrusted text through detail::printable() (non-printable ASCII
//     and every non-ASCII byte as \xNN, at most 64 bytes), and cut long text only at a code
//     point boundary (utf8_prefix).
// Nothing is dropped silently: replacement is visible as U+FFFD in the output.
#pragma once

#include <cstddef>
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

// Ids and commandId longer than this are INVALID_COMMAND (the store's keys hold 1024 bytes).
inline constexpr std::size_t kMaxIdBytes = 256;
// A command line longer than this is INVALID_COMMAND unread: no command needs more, and a
// text past Cap'n Proto's 512 MiB limit could not be stored.
inline constexpr std::size_t kMaxCommandBytes = 1 << 20;

// The one way JSON becomes text (the policy above): compact, one line, never throws for
// invalid UTF-8.
template <class Json>
[[nodiscard]] std::string json_text(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}


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
