// Amazon Connect's contact records (CTRs; `--format connect-ctr`): the history of one
// finished contact, delivered at least once and possibly updated later (LastUpdateTimestamp).
// Field by field in docs/connect-mapping.md.
//
// A record is applied only if it is newer than the version of that ContactId already applied
// (kept in the store, connect_facts.h kCtrVersionPrefix, in the same write as the facts);
// an older or equal one is a duplicate and writes nothing. Its steps (initiated, queued,
// connected, disconnected, wrap-up done) are facts at their own times, each only if the
// contact is not past it, so a newer version adds only what the older one lacked. A contact
// record with Recordings (or Recording) marks the contact recorded; one without says it was
// not (a later session on it is then a RECORDING_DISABLED finding).
//
// A record with InitiationMethod MONITOR is a supervisor's monitor contact: Agent is the
// supervisor, the monitored contact is RelatedContactId (else InitialContactId, else
// PreviousContactId), and Agent.StateTransitions' SILENT_MONITOR / BARGE periods are the
// session, its mode changes and its end. Findings are checked without CCP_NOT_OPEN and
// CONTACT_NOT_ACTIVE: a record written after the fact says nothing of the supervisor's CCP,
// and contact records arrive in any order.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "connectors/connect_facts.h"
#include "connectors/connect_json.h"

namespace callwatch::connectors {

struct CtrPeriod {
  Timestamp start{};
  std::optional<Timestamp> end;
  MonitorMode mode = MonitorMode::Silent;
};

struct ContactRecord {
  std::string contact;
  std::int64_t version = 0;  // LastUpdateTimestamp, ms
  std::optional<Channel> channel;
  std::string initiation;
  std::string related;
  Timestamp initiated_at{};
  std::optional<Timestamp> disconnected_at, enqueued_at, connected_at, wrap_up_end;
  std::optional<std::string> disconnect_reason, queue, agent_arn, username;
  bool recorded = false;
  std::vector<CtrPeriod> periods;
};

[[nodiscard]] std::expected<ContactRecord, RecordProblem> read_contact_record(const nlohmann::json& record,
                                                                             ConnectCounters& counters);
// Whether the record is newer than the version of its ContactId already applied (or chosen
// in this import: `chosen`, nullptr for none). False: a duplicate (counted).
[[nodiscard]] std::expected<bool, std::string> admit_contact_record(const ContactRecord& r, ConnectFacts& facts,
                                                                    ConnectCounters& counters);

// A record's facts come in steps, each at its own time: the contact initiated, queued,
// connected, ended, wrap-up done; a supervisor's period started, stopped. Ingest applies a
// record's steps at once; import applies the steps of all its records in time order, so a
// supervisor's session lands while the contact it watches is live. A step's facts have ids
// "connect-ctr/<ContactId>/<version>/<step>/<n>"; the last step stores the version.
struct CtrStep {
  Timestamp at{};
  std::uint32_t record = 0;  // the caller's index of the record
  std::uint16_t step = 0;    // its number within the record
  std::uint16_t period = 0;  // Start / Stop: which period
  enum Kind : std::uint8_t { Initiate, Queue, Connect, End, Complete, Start, Stop } kind = Initiate;
  bool last = false;
};

void contact_record_steps(const ContactRecord& r, std::uint32_t record, std::vector<CtrStep>& out);
[[nodiscard]] std::expected<void, std::string> apply_ctr_step(const ContactRecord& r, const CtrStep& step,
                                                              ConnectFacts& facts, ConnectBatch& batch,
                                                              ConnectCounters& counters);

}  // namespace callwatch::connectors
