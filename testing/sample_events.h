// Realistic store records for benchmarks: the Workload's commands decided by an in-memory
// engine, every accepted event encoded exactly as the engine writes it (Cap'n Proto envelope,
// id "<command id>#<n>", stream_of, type_name). Genesis and set-up included.
#pragma once

#include <cstdint>
#include <vector>

#include "eventstore/types.h"

namespace callwatch::testkit {

[[nodiscard]] std::vector<eventstore::NewEvent> sample_records(std::size_t count,
                                                               std::uint64_t seed = 1);

}  // namespace callwatch::testkit
