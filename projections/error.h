// Errors of the projections module: the project's one Error (domain/error.h), a sentence
// naming what was involved and what to do (error(message): code Failed). A store error
// passes through unchanged.
#pragma once

#include <string>

#include "domain/error.h"

namespace callwatch::projections {

using callwatch::error;  // error(code, message)
using callwatch::Error;
using callwatch::Result;
using callwatch::Status;

[[nodiscard]] inline std::unexpected<Error> error(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

}  // namespace callwatch::projections
