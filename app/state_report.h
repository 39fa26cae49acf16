// A human-readable picture of the decision state: the instance, who is logged in, and every
// live conversation with its supervisors. Used by `callwatch apply --print-state`.
#pragma once

#include <string>

#include "domain/state.h"

namespace callwatch::app {

[[nodiscard]] std::string render_state(const State& state);

}  // namespace callwatch::app
