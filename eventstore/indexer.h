// Indexer: derives the stream index from the log, in the background. Internal to eventstore/.
//
// The index is a cache of the log: (stream, version) -> position, plus the counters stats()
// reports. Writing one index key per event in the append's batch would halve append speed
// (measured: each extra RocksDB key costs about what the event itself costs), so the writer
// hands the indexer a compact list of what it committed and the indexer writes, per stream,
// one "run" key covering all of that stream's events in the batch it indexes. Under load the
// batches grow and runs cover more events.
//
// Index writes skip the WAL: a crash loses the unflushed part of the index, never the log.
// The checkpoint ('x', the last indexed position) is in the same column family and the same
// batch as the runs, so what survives is always a consistent prefix; reopening re-indexes the
// log after it. If the index is ever ahead of the log (a power cut in Durability::Wal lost the
// log's last appends after the index was flushed) it is wiped and rebuilt.
#pragma once

#include <rocksdb/db.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/type_dictionary.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

struct IndexCounters {
  Position indexed = 0;
  std::uint64_t streams = 0;
  std::map<std::string, std::uint64_t, std::less<>> types;
};

class Indexer {
 public:
  Indexer(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const TypeDictionary* types)
      : db_(db), cf_(cf), types_dict_(types) {}
  ~Indexer() { stop(); }
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  // Reads the checkpoint and the counters (also usable on a read-only database).
  [[nodiscard]] static Result<IndexCounters> load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf);
  [[nodiscard]] Status load();
  // Deletes the whole index (it is rebuilt from the log).
  [[nodiscard]] Status wipe();

  // The hand-off: per part (consecutive events of one stream) its stream, first version,
  // first position and count, followed by one add_type() per event of the part.
  static void add_part(std::string& batch, std::string_view stream, StreamVersion first_version,
                       Position first_position, std::size_t count);
  static void add_type(std::string& batch, std::uint32_t type_code);
  // Indexes a batch of entries now, on the calling thread (open-time catch-up).
  [[nodiscard]] Status index_now(std::string_view batch, Position last);

  // The indexer works in the background when the writer pauses, or once this many events
  // wait (the writer's max_index_lag should be larger).
  void set_backlog_threshold(std::uint64_t events) { backlog_threshold_ = events; }
  void start();
  // Queues a batch for the background thread. Batches must arrive in position order.
  void submit(std::string& batch, Position last);
  // Indexes everything queued and ends the thread.
  void stop();

  [[nodiscard]] Position indexed() const { return indexed_.load(std::memory_order_acquire); }
  [[nodiscard]] bool wait_indexed(Position position, std::chrono::milliseconds timeout);
  [[nodiscard]] IndexCounters counters() const;
  // The background thread's failure, if any (the index then stops moving).
  [[nodiscard]] Status status() const;

 private:
  void run();
  // Events handed over and not indexed yet (under mu_).
  [[nodiscard]] std::uint64_t backlog() const {
    Position done = indexed();
    return pending_last_ > done ? pending_last_ - done : 0;
  }

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* cf_;
  const TypeDictionary* types_dict_;
  std::vector<std::uint64_t> code_counts_;  // scratch of index_now, by type code
  std::atomic<Position> indexed_{0};

  mutable std::mutex counters_mu_;
  std::uint64_t streams_ = 0;
  std::map<std::string, std::uint64_t, std::less<>> types_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::string pending_;
  Position pending_last_ = 0;
  std::uint64_t submissions_ = 0;
  std::uint64_t backlog_threshold_ = 1 << 18;
  bool urgent_ = false;
  bool stopping_ = false;
  bool running_ = false;
  std::optional<StoreError> failed_;
  std::thread thread_;
};

// Decodes a run value into positions (versions first, first+1, ...); false if damaged.
[[nodiscard]] bool decode_run(std::string_view value, std::vector<Position>& positions);

}  // namespace callwatch::eventstore
