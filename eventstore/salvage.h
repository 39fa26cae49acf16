// salvage_store(): copies every intact event of a (damaged) store into a new store.
//
// - What is intact is exactly what verify_store() calls intact (the same scan, one pass): the
//   new store holds those events, in the old order, with their event ids, streams, types and
//   data byte for byte, so idempotency survives (a retried command is still recognised).
// - Positions and stream versions are renumbered without gaps: the store requires both to be
//   gapless, and a hole would make every later open fail. `mapping` says which old positions
//   became which new ones; a position in a report or a checkpoint taken before salvage must
//   be translated with it.
// - Checkpoints and consumer data (the checkpoints and aux column families) are not copied:
//   they name positions or source offsets of the old store. Consumers start over; they
//   replay idempotently, because the ids are kept (a source that still holds a lost event
//   can even bring it back).
// - The old store is never modified (it is read as verify_store reads it). `to` must not exist
//   or be an empty directory; the store is built in a sibling directory and renamed to `to`
//   only when complete and synced, so a failed salvage leaves `to` as it was.
#pragma once

#include <string>
#include <vector>

#include "eventstore/verify.h"

namespace callwatch::eventstore {

struct PositionMapping {
  Position old_first = 0;
  Position new_first = 0;
  std::uint64_t count = 0;
};

struct SalvageReport {
  VerifyReport source;                 // what was read, what was lost
  std::string to;
  std::uint64_t copied_events = 0;
  std::vector<PositionMapping> mapping;  // ascending: old_first..+count -> new_first..+count
};

// IO_ERROR / INVALID_ARGUMENT when `to` is refused or cannot be written; the errors of
// verify_store when the source cannot be read at all.
[[nodiscard]] Result<SalvageReport> salvage_store(const std::string& from, const std::string& to,
                                                  const VerifyOptions& options);

}  // namespace callwatch::eventstore
