// How to open a store.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace callwatch::eventstore {

// What an acknowledged append survives. The mode applies to whole group commits: one
// fsync covers every append that shared the WAL write.
enum class Durability : unsigned char {
  // fsync the write-ahead log before an append returns: an acknowledged event survives a
  // process crash, a kernel panic and a power cut.
  Sync,
  // write the WAL to the OS before returning, without fsync: an acknowledged event survives a
  // crash of the process (SIGKILL, abort), but a power cut or kernel panic may lose the last
  // appends acknowledged within the OS's writeback delay (a few seconds). The log stays a
  // prefix of what was acknowledged: no gaps, no torn appends.
  Wal,
};

[[nodiscard]] std::string_view to_string(Durability);  // "sync", "wal"
[[nodiscard]] std::optional<Durability> parse_durability(std::string_view);

struct Options {
  // Create an empty store when the directory does not exist or is empty.
  bool create_if_missing = true;
  // Open without writing anything (no appends, no checkpoints). Several read-only openers may
  // coexist with the one process that has the store open for writing.
  bool read_only = false;
  // nullopt: keep the mode recorded in the store (Sync for a new store). A value is recorded.
  std::optional<Durability> durability;
  // Keep everything in memory (RocksDB's in-memory Env): for tests and throwaway runs.
  bool in_memory = false;
  // The stream index is derived from the log in the background: when the writer pauses, when
  // half this many events wait, or at once when a reader needs it. An append waits when the
  // index is this many events behind, which bounds the writer-side memory of the hand-off
  // (about 20 bytes an event) and what a reopen after a crash re-indexes.
  std::size_t max_index_lag = std::size_t{2} << 20;
  // RocksDB memtable size of the log; bigger means fewer flushes under sustained appends.
  std::size_t write_buffer_bytes = std::size_t{64} << 20;
};

}  // namespace callwatch::eventstore
