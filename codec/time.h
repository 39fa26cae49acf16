// ISO-8601 timestamps, as commands, JSON events and the command line spell them.
//
// Printing is canonical: UTC, milliseconds, 'Z' ("2026-11-23T09:00:00.000Z"). Parsing is strict
// RFC 3339: "YYYY-MM-DDTHH:MM:SS", an optional fraction of 1 to 9 digits (truncated to the
// millisecond), then 'Z' or an offset "+HH:MM" / "-HH:MM". No lowercase 't'/'z', no space
// separator, no leap second (":60"), no calendar-invalid date ("2026-02-30"). Errors name the
// offending part and its position, so a user can fix the input from the message alone.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace callwatch::codec {

[[nodiscard]] std::string format_timestamp(Timestamp);
[[nodiscard]] std::expected<Timestamp, std::string> parse_timestamp(std::string_view);

}  // namespace callwatch::codec
