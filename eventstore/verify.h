// verify_store(): checks a whole store directory without modifying it, and says what is damaged.
//
// Unlike EventStore::verify() (a consistency check of a store that opened, stopping at the first
// problem), verify_store() works on stores EventStore::open refuses as damaged, and reports every
// problem it finds:
// - the files: every table file's block checksums (VerifySstFileChecksum, one file at a time),
//   the write-ahead log (opened with kTolerateCorruptedTailRecords: a torn last record after a
//   crash is normal, damage before it is not), the MANIFEST;
// - the log: positions 1..last without gaps, every record in the store's format (format.h),
//   every event's data accepted by `Options::check_data` (callwatch passes the Cap'n Proto
//   envelope decoder; the store itself knows nothing of the domain), each stream's versions
//   1, 2, 3, ...;
// - the derived data: stream index entries pointing at the event with that stream and
//   version, the index checkpoint, the counters.
//
// Opening, never writing: the directory is opened read-only with paranoid checks; if RocksDB
// refuses, read-only again with paranoid checks off and the WAL read past damaged records; if
// that fails too (a damaged or missing MANIFEST, missing CURRENT), its files are copied to a
// temporary directory and rocksdb::RepairDB rebuilds the COPY, which is then read. RocksDB's
// info log goes nowhere, so not even a LOG file of the original changes.
//
// Reading past damage: a forward scan stops at an unreadable block; the scan then probes ahead
// (seeks at growing distances) for the next readable key and asks every position in between
// with a point read, so each position is classified exactly: intact, unreadable (a checksum or
// I/O error), missing (no key), or undecodable (record or data rejected).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

// What happened to a range of positions.
enum class LossKind : std::uint8_t {
  Unreadable,   // RocksDB could not read it (checksum mismatch, I/O error, file missing)
  Missing,      // no record at that position (a gap), though later positions exist
  BadRecord,    // the record is not in the store's format (format.h)
  BadData,      // the record is, but Options::check_data rejects its event
};
[[nodiscard]] std::string_view to_string(LossKind);  // "unreadable", "missing", ...

struct LostRange {
  Position first = 0;
  Position last = 0;
  LossKind kind = LossKind::Unreadable;
  std::string detail;  // the first error in the range, e.g. RocksDB's message
};

// An event that is lost, named as far as the store can tell: from its record header when
// that is readable, else from the stream index. Empty stream: unknown.
struct LostEvent {
  Position position = 0;
  std::string stream;
  StreamVersion stream_version = 0;
};

// Versions missing from a stream (between two intact events of it, or known from the index).
struct StreamLoss {
  std::string stream;
  std::vector<StreamVersion> versions;  // ascending
};

struct Finding {
  std::string area;     // "files", "wal", "manifest", "metadata", "log", "streams", "index"
  std::string message;
};

struct VerifyReport {
  std::string dir;
  // How the store was read: "direct" (RocksDB opened it as it is), "tolerant" (paranoid checks
  // off, WAL read past damage) or "repaired-copy" (RepairDB on a temporary copy).
  std::string opened_as;
  Position last_position = 0;      // the highest position found (or known from the files)
  std::uint64_t intact_events = 0; // events that read, decode and pass check_data
  std::vector<LostRange> lost;     // ascending, adjacent ranges of one kind merged
  std::vector<LostEvent> lost_events;  // lost positions with what is known of them (at most
                                       // kMaxLostEventsListed; lost_positions() counts all)
  std::vector<StreamLoss> streams;     // streams that lost events
  std::vector<Finding> findings;       // everything not intact, events or not

  static constexpr std::size_t kMaxLostEventsListed = 100000;
  [[nodiscard]] bool intact() const { return findings.empty() && lost.empty(); }
  [[nodiscard]] std::uint64_t lost_positions() const;
};

struct VerifyOptions {
  // Why an event's data is not acceptable, or nullopt when it is. May also name the event's
  // type (the envelope carries it): used when the type dictionary lost the record's type code.
  struct DataVerdict {
    std::optional<std::string> error;
    std::string type;
  };
  std::function<DataVerdict(const RecordedEventView&)> check_data;
  // Where a repaired copy is made when one is needed (default: the system's temp directory).
  std::string scratch_dir;
};

// Called for every intact event, in position order (position = the old store's position; type
// is always named). An error stops the verification and is returned.
using IntactEventVisitor = std::function<Status(const RecordedEventView&)>;

// The report, or an error when `dir` cannot be read as a store at all: NOT_A_STORE (no store
// there, someone else's database), SCHEMA_TOO_NEW, IO_ERROR; CORRUPTION when even a repaired
// copy does not open. Never writes to `dir`.
[[nodiscard]] Result<VerifyReport> verify_store(const std::string& dir, const VerifyOptions& options,
                                                const IntactEventVisitor& visit = {});

}  // namespace callwatch::eventstore
