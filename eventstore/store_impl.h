// StoreImpl: the state behind EventStore, shared with cursors and subscriptions (which keep it
// alive, so a subscription outliving the store gets CLOSED instead of a dangling pointer).
// Internal to eventstore/.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "eventstore/error.h"
#include "eventstore/id_table.h"
#include "eventstore/indexer.h"
#include "eventstore/log_cursor.h"
#include "eventstore/options.h"
#include "eventstore/stream_heads.h"
#include "eventstore/type_dictionary.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

// The writer's memory as rebuilt from a whole scan of the log (open.cpp).
struct LogScan {
  StreamHeads heads;
  IdTable ids;
  std::string tail;      // index entries of the positions after `indexed`
  Position indexed = 0;  // the index covered the log up to here
  Position head = 0;     // the log's last position
};

// Scans the whole log: positions 1..head without a gap, every record decodes, each stream's
// versions consecutive. Fills `out`, or says where the log is damaged.
[[nodiscard]] Status scan_log(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* log_cf,
                              const TypeDictionary& types, const std::string& path,
                              Position indexed, Position head, LogScan& out);

// One append() call waiting in the group-commit queue.
struct PendingAppend {
  std::span<const StreamAppend> appends;
  const AppendOptions* options = nullptr;
  std::size_t event_count = 0;
  std::optional<Result<AppendResult>> result;
  bool done = false;
  std::condition_variable cv;
};

struct StoreImpl : std::enable_shared_from_this<StoreImpl> {
  ~StoreImpl();

  // ---- fixed after open
  std::string path;
  Options options;
  Durability durability = Durability::Sync;
  rocksdb::WriteOptions write_options;
  std::unique_ptr<rocksdb::Env> mem_env;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // owned; destroyed before db
  rocksdb::ColumnFamilyHandle* meta_cf = nullptr;
  rocksdb::ColumnFamilyHandle* log_cf = nullptr;
  rocksdb::ColumnFamilyHandle* index_cf = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints_cf = nullptr;
  rocksdb::ColumnFamilyHandle* aux_cf = nullptr;
  TypeDictionary types;
  // Read-only stores have no indexer; they read the index as it was at open.
  std::unique_ptr<Indexer> indexer;
  IndexCounters readonly_index;

  // ---- the committed head, and the signal subscribers wait on
  std::atomic<Position> head{0};
  mutable std::mutex head_mu;
  mutable std::condition_variable head_cv;
  // Set when the EventStore goes away: subscriptions return CLOSED. The database itself
  // closes with the last reference (a cursor or subscription may still hold one).
  std::atomic<bool> closing{false};

  // ---- group commit
  std::mutex write_mu;
  std::deque<PendingAppend*> writers;
  std::optional<StoreError> write_failure;  // a failed WAL write poisons the store

  // ---- writer state: touched only by the group leader (or open)
  // Buffers for staging one request, kept from request to request so staging allocates nothing.
  struct StageScratch {
    std::vector<std::uint64_t> hashes;       // the request's id hashes, in event order
    std::vector<std::uint64_t> part_hashes;  // the hashes of its parts' streams
    std::vector<StreamHeads::Slot*> part_heads;  // the head of each part
    std::vector<Position> found;             // existing positions of its ids (0: new)
    std::vector<std::pair<std::uint64_t, std::uint32_t>> dedupe;  // ids within the request
  };
  StreamHeads heads;
  std::uint64_t request_serial = 0;
  IdTable ids;
  rocksdb::WriteBatch batch;
  std::string index_batch;
  std::vector<std::string_view> group_ids;  // ids of the group being built, by position
  StageScratch stage_scratch;               // the Stager's buffers (append.cpp), reused
  std::vector<PendingAppend*> group;         // scratch: the group being committed
  // Held by the leader for a whole group commit, and by stream_version() / find_event(), so
  // those see `heads` and `ids` only as of committed groups.
  mutable std::mutex state_mu;

  // ---- operations (append.cpp, read.cpp, open.cpp)
  [[nodiscard]] Result<AppendResult> append(std::span<const StreamAppend> appends,
                                            const AppendOptions& options);
  void commit_group(std::span<PendingAppend*> group);
  // Validates one request against the state and, if it goes ahead, adds it to `batch`.
  // Returns whether it was added (otherwise w.result holds its error or its replay).
  [[nodiscard]] bool stage(PendingAppend& w, Position group_first, Position& next);
  [[nodiscard]] Result<std::optional<Position>> find_id(std::string_view id,
                                                        std::uint64_t hash,
                                                        Position group_first) const;
  void publish(Position new_head);

  [[nodiscard]] Status rebuild_writer_state();
  void shut_down();  // stop the writer side: drain the indexer, flush the index

  [[nodiscard]] Result<LogCursor> cursor(Position from) const;
  [[nodiscard]] Result<std::optional<RecordedEvent>> get(Position position) const;
  // Positions of the stream's events per the index up to `indexed`, plus the log after it.
  [[nodiscard]] Status stream_positions(std::string_view stream, StreamVersion from,
                                        std::size_t max, Direction direction,
                                        std::vector<Position>& out) const;
  [[nodiscard]] Position indexed_position() const;
};

[[nodiscard]] StoreError rocks_status_error(const rocksdb::Status& s, std::string_view what);

}  // namespace callwatch::eventstore
