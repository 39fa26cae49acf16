// The tests' and benchmarks' epoch: every fixture's clock starts here (2026-11-18T11:06:40Z),
// so logs and expectations written by different fixtures line up.
#pragma once

#include <chrono>

#include "domain/time.h"

namespace callwatch::testkit {

inline constexpr Timestamp kEpoch{std::chrono::milliseconds{1'795'000'000'000}};

}  // namespace callwatch::testkit
