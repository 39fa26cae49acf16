// Reading the fields of one JSON object with precise errors. Internal to codec/ (command_json.cpp,
// event_json.cpp).
//
// Each getter returns the value, or a harmless default after recording the first error, so a
// parser reads like the struct it fills: `cmd::HoldContact{f.id<ContactId>("contact"),
// f.id<UserId>("by")}` (braced initialisers evaluate left to right: the first bad field in
// declaration order is the one reported). Check ok() before using the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/time.h"
#include "domain/vocabulary.h"

namespace callwatch::codec::detail {

using nlohmann::json;

// Commands are strict about shape (non-empty ids, ranges); events are facts already decided,
// so their reader only checks types and enum values.
enum class Strictness : std::uint8_t { Command, Event };

class Fields {
 public:
  Fields(const json& object, Strictness strictness) : obj_(object), strict_(strictness) {}

  [[nodiscard]] bool ok() const { return error_.empty(); }
  // Commands: an id must be non-empty and at most kMaxIdBytes long.
  void check_id(const char* name, std::string_view id);
  [[nodiscard]] const std::string& error() const { return error_; }
  void fail(std::string message);

  // A required string (may be empty).
  std::string string(const char* name);
  // A required id: a string; for commands non-empty and at most kMaxIdBytes (codec/json.h).
  template <class IdT>
  IdT id(const char* name) {
    std::string s = string(name);
    if (ok() && strict_ == Strictness::Command) check_id(name, s);
    return IdT(std::move(s));
  }
  // An optional string: nullopt if absent or null.
  std::optional<std::string> optional_string(const char* name);
  bool boolean_or(const char* name, bool fallback);
  // "customer" or a user id.
  Party party(const char* name);
  // Commands: a non-empty array of non-empty strings.
  std::vector<ProfileId> profiles(const char* name);
  // An array of permission names (aliases accepted).
  PermissionSet permissions(const char* name);
  // Commands: an integer 1..kMaxChatConcurrency, default kDefaultChatConcurrency.
  int chat_concurrency(const char* name);
  // Boolean attributes: true/false (stored 0/1); MAX_*: positive integer or null.
  std::optional<std::int32_t> attribute_value(const char* name, InstanceAttribute attribute);
  Timestamp timestamp(const char* name);
  std::optional<Timestamp> optional_timestamp(const char* name);

  // Enums by wire name; `fallback` set means the field is optional.
  Channel channel(const char* name);
  Visibility visibility(const char* name, std::optional<Visibility> fallback);
  MessageMode message_mode(const char* name, std::optional<MessageMode> fallback);
  // Commands accept SILENT or BARGE only; events any mode.
  MonitorMode monitor_mode(const char* name, std::optional<MonitorMode> fallback);
  StopReason stop_reason(const char* name);
  InstanceAttribute attribute(const char* name);
  RecordingAccess recording_access(const char* name);

 private:
  // The field, or nullptr when absent or null (an error recorded if `required`).
  const json* get(const char* name, bool required);
  // The array of strings `name` (required), or nullptr with the error recorded.
  const json* string_array(const char* name);
  // Element i of that array, or nullptr with the error recorded when it is not a string.
  const std::string* string_at(const char* name, const json& array, std::size_t i);
  void wrong_type(const char* name, const json& value, std::string_view expected);
  template <class E>
  E enumeration(const char* name, std::optional<E> fallback);

  const json& obj_;
  Strictness strict_;
  std::string error_;
};

// `s` if it is valid UTF-8, else a copy with U+FFFD for each bad sequence (codec/utf8.h,
// the JSON string policy of codec/json.h): strings from the log, written by any producer,
// enter JSON values valid.
[[nodiscard]] std::string safe(std::string_view s);

// "not JSON: ..." text of a nlohmann exception, without its "[json.exception...] " prefix,
// at most 200 bytes, valid UTF-8 (nlohmann quotes the input it stopped at).
[[nodiscard]] std::string json_error_text(const std::exception& e);

}  // namespace callwatch::codec::detail
