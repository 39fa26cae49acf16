// Errors of the event store: the project's one Error (domain/error.h), with the store's codes
// (WrongExpectedVersion ... Timeout) and a sentence naming what was involved.
//
// Every fallible call returns Result<T> or Status; nothing throws across this module's
// boundary. StoreError and StoreErrorCode are the former names, kept as aliases.
#pragma once

#include <string>

#include "domain/error.h"

namespace callwatch::eventstore {

using StoreErrorCode = ErrorCode;
using StoreError = Error;
using callwatch::Result;
using callwatch::Status;
using callwatch::to_string;

[[nodiscard]] inline std::unexpected<Error> store_error(ErrorCode code, std::string message) {
  return std::unexpected(Error{code, std::move(message)});
}

}  // namespace callwatch::eventstore
