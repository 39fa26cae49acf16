#include "domain/error.h"

#include <array>
#include <ostream>

namespace callwatch {

namespace {
// By ErrorCode's order.
constexpr std::array<std::string_view, 15> kCodeNames{
    "WRONG_EXPECTED_VERSION", "DUPLICATE_EVENT_ID", "INVALID_ARGUMENT", "NOT_A_STORE",
    "SCHEMA_TOO_NEW",         "CORRUPTION",         "IN_USE",           "READ_ONLY",
    "IO_ERROR",               "CLOSED",             "TIMEOUT",          "INVALID_INPUT",
    "NOT_FOUND",              "UNAVAILABLE",        "FAILED"};
static_assert(kCodeNames.size() == static_cast<std::size_t>(ErrorCode::Failed) + 1);
}  // namespace

std::string_view to_string(ErrorCode code) {
  const auto i = static_cast<std::size_t>(code);
  return i < kCodeNames.size() ? kCodeNames[i] : "UNKNOWN";
}

std::string Error::to_string() const {
  std::string out;
  for (auto it = context.rbegin(); it != context.rend(); ++it) {
    out += *it;
    out += ": ";
  }
  out += message;
  return out;
}

std::ostream& operator<<(std::ostream& out, const Error& e) { return out << e.to_string(); }

}  // namespace callwatch
