// Errors of the event store: a stable code and a sentence naming what was involved.
//
// Every fallible call returns Result<T> (std::expected<T, StoreError>) or Status; nothing
// throws across this module's boundary.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace callwatch::eventstore {

enum class StoreErrorCode : std::uint8_t {
  WrongExpectedVersion,  // optimistic concurrency: the stream is not at the expected version
  DuplicateEventId,      // some (not all) of an append's event ids already exist
  InvalidArgument,       // empty ids, oversized fields, an empty append
  NotAStore,             // the directory holds something that is not a callwatch store
  SchemaTooNew,          // written by a newer callwatch
  Corruption,            // the store's files are damaged or inconsistent
  InUse,                 // another process has the store open for writing
  ReadOnly,              // a write on a store opened read-only
  IoError,               // the disk said no (full, permission, ...)
  Closed,                // the store is closing or a subscription was cancelled
  Timeout,               // a bounded wait ran out (subscriptions)
};

struct StoreError {
  StoreErrorCode code;
  std::string message;
};

// "WRONG_EXPECTED_VERSION", "NOT_A_STORE", ...
[[nodiscard]] std::string_view to_string(StoreErrorCode);

template <class T>
using Result = std::expected<T, StoreError>;
using Status = std::expected<void, StoreError>;

[[nodiscard]] inline std::unexpected<StoreError> store_error(StoreErrorCode code,
                                                             std::string message) {
  return std::unexpected(StoreError{code, std::move(message)});
}

}  // namespace callwatch::eventstore
