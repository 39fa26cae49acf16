// Snapshots of the in-memory read models, so that a restart resumes from a checkpoint
// instead of replaying the whole log.
//
// A snapshot is the complete ReadModel (every record, the interned names in order, free
// slots) in a versioned binary form, together with the options it was folded with. Loading
// checks every reference (a user number, a contact slot) against what the snapshot holds, so
// a damaged snapshot is an error, never a crash; the caller then rebuilds from the log.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "projections/model.h"

namespace callwatch::projections {

[[nodiscard]] std::string encode_snapshot(const ReadModel&);

// Replaces `model` (options included) with the snapshot's content. On error `model` is left
// cleared, and the message says what is wrong.
[[nodiscard]] std::expected<void, std::string> decode_snapshot(std::string_view bytes, ReadModel& model);

// The options a snapshot was folded with, without decoding the rest.
[[nodiscard]] std::expected<ModelOptions, std::string> snapshot_options(std::string_view bytes);

}  // namespace callwatch::projections
