// The project's one error type: a stable code, a sentence, and the context it crossed.
//
// Every fallible call in every module returns `Result<T>` (std::expected<T, Error>) or
// `Status` (std::expected<void, Error>), declared [[nodiscard]]; nothing throws across a
// module boundary. The modules' former names (eventstore::StoreError, projections::Error,
// codec::CodecError, connectors::ConnectorError) are aliases of this type, so an error
// passes from the store through the engine and the projections to the command line without
// being re-wrapped; a caller that knows more adds a line of context instead:
//
//   if (auto s = store.append(...); !s)
//     return std::unexpected(std::move(s.error()).in("applying line 12"));
//   // to_string(): "applying line 12: stream ... is at version 3" -- message and code unchanged
//
// `message` is the one sentence the failing call wrote (what was involved, what to do); it is
// what tests and users read and it never changes when context is added.
//
// Dropping an error: [[nodiscard]] makes the compiler refuse a silent drop; the only way to
// drop one on purpose is `ignore_error(result, "why")`, which says why in the code and is the
// one thing to grep for (tests/tree checks that production code has no `(void)` casts).
#pragma once

#include <cstdint>
#include <expected>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace callwatch {

enum class ErrorCode : std::uint8_t {
  // The event store's codes (their strings are part of the command line's output).
  WrongExpectedVersion,  // optimistic concurrency: the stream is not at the expected version
  DuplicateEventId,      // some (not all) of an append's event ids already exist
  InvalidArgument,       // a caller's mistake: empty ids, oversized fields, an empty append
  NotAStore,             // the directory holds something that is not a callwatch store
  SchemaTooNew,          // written by a newer callwatch
  Corruption,            // stored bytes are damaged or inconsistent
  InUse,                 // another process has the store open for writing
  ReadOnly,              // a write on a store opened read-only
  IoError,               // the disk said no (full, permission, ...)
  Closed,                // the store is closing or a subscription was cancelled
  Timeout,               // a bounded wait ran out
  // Everyone else's.
  InvalidInput,  // input from outside (bytes, JSON, a scenario file, a flag) is not well formed
  NotFound,      // the named thing (file, contact, model) does not exist
  Unavailable,   // a peer (broker, server) cannot be reached; retrying may help
  Failed,        // no code more precise than the message; callers do not branch on it
};

// "WRONG_EXPECTED_VERSION", "INVALID_INPUT", ...
[[nodiscard]] std::string_view to_string(ErrorCode);

struct [[nodiscard]] Error {
  ErrorCode code = ErrorCode::Failed;
  std::string message;
  std::vector<std::string> context;  // what the callers were doing, innermost first

  Error() = default;
  explicit Error(std::string message) : message(std::move(message)) {}
  Error(ErrorCode code, std::string message) : code(code), message(std::move(message)) {}

  // Adds what the caller was doing ("opening /data/store"); message and code stay.
  Error& in(std::string what) & {
    context.push_back(std::move(what));
    return *this;
  }
  Error&& in(std::string what) && {
    context.push_back(std::move(what));
    return std::move(*this);
  }

  // The context, outermost first, then the message: "applying line 12: stream is at 3 ...".
  [[nodiscard]] std::string to_string() const;
};

// Prints to_string() (test failure messages: `ASSERT_TRUE(r) << r.error()`).
std::ostream& operator<<(std::ostream&, const Error&);

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> error(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

// The one way to drop a fallible result on purpose: `why` says in the code why nothing
// needs to happen (a best-effort close on an error path, a wait whose caller re-checks).
// Takes any result (ours, rocksdb::Status, a librdkafka code) so every drop reads the same.
template <class R>
constexpr void ignore_error(R&& /*result*/, std::string_view /*why*/) noexcept {}

}  // namespace callwatch

// fmt::format("{}", error) prints to_string().
template <>
struct fmt::formatter<callwatch::Error> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const callwatch::Error& e, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(e.to_string(), ctx);
  }
};
