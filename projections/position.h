// A place in the event log: the store's 64-bit global position of an event.
#pragma once

#include <cstdint>

namespace callwatch::projections {

using Position = std::uint64_t;

}  // namespace callwatch::projections
