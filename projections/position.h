// A place in the event log: the store's 64-bit global position of an event (one type,
// eventstore::Position; the projections name it without the prefix).
#pragma once

#include "eventstore/types.h"

namespace callwatch::projections {

using eventstore::Position;

}  // namespace callwatch::projections
