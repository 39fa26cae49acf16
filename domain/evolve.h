// evolve(): apply one fact to the state, in place.
//
// This is the replay hot path (millions of events a second): no copies of the world, no
// allocation beyond what the fact itself adds. Events are facts, so evolve never fails; an
// event that refers to something unknown (a log written by a newer or foreign producer)
// is applied as far as it makes sense and otherwise ignored.
#pragma once

#include "domain/events.h"
#include "domain/state.h"

namespace callwatch {

void evolve(State& state, const Event& event);

// The instance-attribute part of evolve(), for read models that keep their own InstanceState
// (projections): one place says what each attribute's value means.
void apply_attribute(InstanceState& instance, const ev::InstanceAttributeSet& event);

}  // namespace callwatch
