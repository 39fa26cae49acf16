// Errors of the projections module: a sentence naming what was involved and what to do.
#pragma once

#include <expected>
#include <string>

namespace callwatch::projections {

struct Error {
  std::string message;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> error(std::string message) {
  return std::unexpected(Error{std::move(message)});
}

}  // namespace callwatch::projections
