// Audit findings: facts from outside (Amazon Connect, connectors/connect_translator.h) that
// callwatch's rules would have refused, each marked with the rule it breaks
// (FindingRecorded, domain/events.h). `callwatch findings` lists them.
//
// Read straight from the log (findings are few, and "as of" is a prefix of it): every
// FindingRecorded up to a position, in log order, with the fact it marks.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "codec/json.h"
#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/position.h"

namespace callwatch::projections {

struct FindingRow {
  Position position = 0;  // of the FindingRecorded fact
  Timestamp at{};
  std::string contact;
  std::string user;
  std::string rule;    // the refusing rule's code, e.g. RECORDING_DISABLED
  std::string reason;  // its text
  std::string event;   // the id of the fact it marks
  std::string fact;    // that fact's type, e.g. MonitoringStarted ("" if not found)
};

[[nodiscard]] Result<std::vector<FindingRow>> findings(const eventstore::EventStore& store,
                                                       Position as_of = std::numeric_limits<Position>::max());

// A table: time, rule, supervisor, contact, fact, reason; "no findings" when empty.
[[nodiscard]] std::string render_findings(const std::vector<FindingRow>& rows);
// {"position":P,"findings":[{"position","at","rule","user","contact","fact","event","reason"}...],
//  "byRule":{"RECORDING_DISABLED":2,...}}
[[nodiscard]] codec::OrderedJson findings_json(Position position, const std::vector<FindingRow>& rows);

}  // namespace callwatch::projections
