// RawLog: the baseline the store is measured against. The same event bytes written straight
// into RocksDB (BE64 position -> bytes, one key per event, one WriteBatch per batch) with the
// store's own options (eventstore/tuning.h), and a plain scan of a log column family.
// Nothing else: no record header, no ids, no index, no stream versions.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "eventstore/error.h"
#include "eventstore/options.h"
#include "eventstore/types.h"

namespace callwatch::testkit {

class RawLog {
 public:
  [[nodiscard]] static eventstore::Result<std::unique_ptr<RawLog>> open(const std::string& dir,
                                                            eventstore::Durability durability);
  ~RawLog();
  // Writes events[i].data at position first + i, in one WriteBatch.
  [[nodiscard]] eventstore::Status write(std::span<const eventstore::NewEvent> events, eventstore::Position first);

 private:
  struct Impl;
  explicit RawLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ScanResult {
  std::uint64_t events = 0;
  std::uint64_t bytes = 0;
};

// The read baseline: the "log" column family of a store, opened read-only with plain RocksDB
// and the store's read options; scan() touches every key and value.
class RawScanner {
 public:
  [[nodiscard]] static eventstore::Result<std::unique_ptr<RawScanner>> open(const std::string& store_dir);
  ~RawScanner();
  [[nodiscard]] eventstore::Result<ScanResult> scan() const;

 private:
  struct Impl;
  explicit RawScanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace callwatch::testkit
