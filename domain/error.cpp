#include "domain/error.h"

#include <ostream>

namespace callwatch {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::WrongExpectedVersion: return "WRONG_EXPECTED_VERSION";
    case ErrorCode::DuplicateEventId: return "DUPLICATE_EVENT_ID";
    case ErrorCode::InvalidArgument: return "INVALID_ARGUMENT";
    case ErrorCode::NotAStore: return "NOT_A_STORE";
    case ErrorCode::SchemaTooNew: return "SCHEMA_TOO_NEW";
    case ErrorCode::Corruption: return "CORRUPTION";
    case ErrorCode::InUse: return "IN_USE";
    case ErrorCode::ReadOnly: return "READ_ONLY";
    case ErrorCode::IoError: return "IO_ERROR";
    case ErrorCode::Closed: return "CLOSED";
    case ErrorCode::Timeout: return "TIMEOUT";
    case ErrorCode::InvalidInput: return "INVALID_INPUT";
    case ErrorCode::NotFound: return "NOT_FOUND";
    case ErrorCode::Unavailable: return "UNAVAILABLE";
    case ErrorCode::Failed: return "FAILED";
  }
  return "UNKNOWN";
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
