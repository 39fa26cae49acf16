// The quarantine of a partition store: the records ingest could not apply (undecodable, or
// a command the rules rejected), kept whole with their reason, in the store's aux keys.
//
// Entries are numbered 0, 1, 2, ... in consumption order. Entry n, the count and the
// forwarded mark are written in the same atomic write as the offset that moves past the
// record (eventstore AppendOptions::aux), so a record is quarantined exactly once, however
// often ingest is killed and restarted. With `--dead-letter`, the quarantine is also the
// dead-letter topic's outbox: entries below `forwarded` were delivered to it.
//
// Aux keys: "quarantine/count", "quarantine/forwarded", "quarantine/<n, 20 digits>". An
// entry's value is one JSON line (topic, partition, offset, code, reason, key and value
// sizes) followed by the record's key and value bytes, unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/error.h"
#include "eventstore/event_store.h"

namespace callwatch::connectors {

struct QuarantinedRecord {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string code;    // INVALID_COMMAND, UNDECODABLE_EVENT, or a rule's code (RECORDING_DISABLED...)
  std::string reason;  // the sentence
  std::string key;
  std::string value;
};

inline constexpr std::string_view kQuarantineCountKey = "quarantine/count";
inline constexpr std::string_view kQuarantineForwardedKey = "quarantine/forwarded";
[[nodiscard]] std::string quarantine_entry_key(std::uint64_t n);

[[nodiscard]] std::string encode_quarantined(const QuarantinedRecord&);
[[nodiscard]] Result<QuarantinedRecord> decode_quarantined(std::string_view bytes);

struct QuarantineState {
  std::uint64_t count = 0;
  std::uint64_t forwarded = 0;
};
[[nodiscard]] Result<QuarantineState> quarantine_state(const eventstore::EventStore& store);
// Entries [from, to) of the store's quarantine.
[[nodiscard]] Result<std::vector<QuarantinedRecord>> read_quarantine(const eventstore::EventStore& store,
                                                                    std::uint64_t from, std::uint64_t to);

}  // namespace callwatch::connectors
