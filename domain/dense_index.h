// "No slot": the one sentinel of the dense 32-bit indices that tables of ids hand out
// (projections/id_index.h; the simulator's queues, users and contacts).
#pragma once

#include <cstdint>

namespace callwatch {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

}  // namespace callwatch
