// Time in callwatch: milliseconds since the Unix epoch, UTC (the resolution of Amazon
// Connect's event timestamps). Parsing and printing ISO-8601 lives in codec/.
#pragma once

#include <chrono>

namespace callwatch {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
using Duration = std::chrono::milliseconds;

}  // namespace callwatch
