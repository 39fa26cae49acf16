// Reading Amazon Connect's JSON records tolerantly (docs/connect-mapping.md).
//
// Amazon's documentation spells the same key in more than one casing ("ContactId" in the
// agent event stream and contact records, "contactId" in contact events, samples mixing
// both): a key is looked up exactly, then case-insensitively, so either casing reads the
// same. Keys a reader does not know are counted (ConnectObject::unknown), never rejected:
// Amazon adds fields. A known key holding the wrong JSON type is an error naming the key, so
// a mutated record is refused precisely instead of read wrongly.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/time.h"

namespace callwatch::connectors {

// A record refused: what is wrong with it, for the quarantine, the dead-letter headers and
// import's summary.
struct RecordProblem {
  std::string code;    // INVALID_CONNECT_RECORD
  std::string reason;  // "field 'ContactId' must be a string"
};

class ConnectObject {
 public:
  // `where` names the object in messages ("CurrentAgentSnapshot.Configuration").
  ConnectObject(const nlohmann::json& object, std::string where) : obj_(&object), where_(std::move(where)) {}

  // The value of `key` (either casing), or nullptr when absent or null.
  [[nodiscard]] const nlohmann::json* get(std::string_view key) const;
  // Strings: nullopt when absent or null; the error (first one kept) when not a string.
  [[nodiscard]] std::optional<std::string> string(std::string_view key);
  // A required non-empty string of at most 256 bytes (an id).
  [[nodiscard]] std::string id(std::string_view key);
  [[nodiscard]] std::optional<std::string> optional_id(std::string_view key);
  // An ISO-8601 timestamp (codec/time.h): nullopt when absent or null.
  [[nodiscard]] std::optional<Timestamp> time(std::string_view key);
  // A nested object: nullopt when absent or null; an error when not an object.
  [[nodiscard]] std::optional<ConnectObject> object(std::string_view key);
  // An array: nullptr when absent or null; an error when not an array.
  [[nodiscard]] const nlohmann::json* array(std::string_view key);
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key);

  // How many of the object's keys are not in `known` (compared case-insensitively).
  [[nodiscard]] std::uint64_t unknown(std::initializer_list<std::string_view> known) const;

  [[nodiscard]] bool ok() const { return error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }
  // Adopts a nested object's error (the first one wins).
  void absorb(const ConnectObject& inner);
  void fail(std::string message);
  [[nodiscard]] const std::string& where() const { return where_; }

 private:
  [[nodiscard]] std::string name(std::string_view key) const;
  const nlohmann::json* obj_;
  std::string where_;
  std::string error_;
};

// The resource id at the end of an ARN ("arn:aws:connect:...:instance/i-1/queue/q-7" ->
// "q-7"); an ARN without '/' is returned whole.
[[nodiscard]] std::string arn_tail(std::string_view arn);

// Case-insensitive ASCII equality.
[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

}  // namespace callwatch::connectors
