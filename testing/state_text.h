// A canonical text of the decision State: equal states give equal text, whatever the hash
// maps' iteration order. Used to prove that a state rebuilt from the log is the state that
// was acknowledged (crash tests) and to compare engines.
#pragma once

#include <cstdint>
#include <string>

#include "domain/state.h"

namespace callwatch::testkit {

[[nodiscard]] std::string canonical_state(const State& state);
// 64-bit FNV-1a of canonical_state().
[[nodiscard]] std::uint64_t state_digest(const State& state);

}  // namespace callwatch::testkit
