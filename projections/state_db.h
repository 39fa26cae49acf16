// StateDb: where projections keep what they have folded, next to the event store.
//
// A RocksDB database of its own at <store directory>/projections, so that
//   - the checkpoint is written in the same atomic batch as what it covers (the snapshot of
//     the in-memory models and the session records folded since the previous commit);
//   - queries can run while another process holds the event store for writing (the store is
//     opened read-only; this database is written by whichever process gets its lock);
//   - `rebuild` drops projection data without touching the log.
// Layout: column family "default" holds "format", "checkpoint" (8 bytes big-endian) and
// "snapshot" (snapshot.h); column family "sessions" holds the audit trail (sessions.h).
//
// Modes: Writable when this process holds the lock; ReadOnly when another process does (the
// committed state is read, nothing is written); Memory when there is no database and none
// can be created (nothing committed, nothing saved). Commits in the latter two are no-ops.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "projections/error.h"
#include "projections/position.h"
#include "projections/sessions.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class WriteBatch;
}  // namespace rocksdb

namespace callwatch::projections {

// Session records folded but not committed yet, in the order they were written.
class PendingRecords final : public KeyValueSink {
 public:
  PendingRecords();
  ~PendingRecords() override;
  void put(std::string_view key, std::string_view value) override;
  [[nodiscard]] bool empty() const;
  [[nodiscard]] std::size_t bytes() const;
  void clear();
  // Calls `f(key, value)` for every record, in write order.
  void for_each(const std::function<void(std::string_view, std::string_view)>& f) const;

 private:
  friend class StateDb;
  std::unique_ptr<rocksdb::WriteBatch> batch_;
};

class StateDb {
 public:
  enum class Mode : std::uint8_t { Writable, ReadOnly, Memory };

  struct Committed {
    Position checkpoint = 0;
    std::string snapshot;
  };

  // Opens or creates the database in `dir`. With `writable` false, or when another process
  // holds the lock, it is opened read-only (or in Memory mode if it does not exist). A
  // directory holding something else, or a damaged database, is an error naming it.
  [[nodiscard]] static Result<std::unique_ptr<StateDb>> open(const std::string& dir, bool writable);
  ~StateDb();
  StateDb(const StateDb&) = delete;
  StateDb& operator=(const StateDb&) = delete;

  [[nodiscard]] Mode mode() const noexcept { return mode_; }
  [[nodiscard]] const std::string& path() const noexcept { return dir_; }

  // What the last commit wrote; nullopt when nothing was ever committed.
  [[nodiscard]] Result<std::optional<Committed>> load() const;

  // One atomic write: `pending` session records, the snapshot and the checkpoint. `pending` is
  // emptied. No-op (pending kept) unless Writable.
  [[nodiscard]] Status commit(Position checkpoint, std::string_view snapshot, PendingRecords& pending);

  // Deletes every projection record and the checkpoint (rebuild). Writable only.
  [[nodiscard]] Status drop();

  // Committed session records merged with `pending`, in key order.
  [[nodiscard]] Status scan_sessions(
      const PendingRecords& pending,
      const std::function<Status(std::string_view key, std::string_view value)>& f) const;

  // Removes the database directory entirely (for a database too damaged to open).
  [[nodiscard]] static Status destroy(const std::string& dir);

 private:
  StateDb() = default;
  std::string dir_;
  Mode mode_ = Mode::Memory;
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::ColumnFamilyHandle* meta_ = nullptr;
  rocksdb::ColumnFamilyHandle* sessions_ = nullptr;
};

[[nodiscard]] std::string_view to_string(StateDb::Mode);  // "writable", "read-only", "memory"

}  // namespace callwatch::projections
