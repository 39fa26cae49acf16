// LogPrefetcher: reads the log on a second thread while the caller folds.
//
// Replay spends about half its time in RocksDB (iterating the log) and half decoding and
// folding. Doing both on one thread adds them up; here a reader thread copies records into
// chunks (8-byte aligned, so the Cap'n Proto reader needs no copy of its own) and the caller
// takes the chunks in order. Events are still folded one at a time, in log order, by the
// caller's thread: only the reading moves.
//
//   LogPrefetcher log(store, from);
//   while (const LogChunk* c = log.next())
//     for (std::size_t i = 0; i < c->size(); ++i) fold(c->position(i), c->data(i));
//   if (!log.status()) ...
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "eventstore/event_store.h"
#include "projections/error.h"
#include "projections/position.h"

namespace callwatch::projections {

class LogChunk {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return positions_.size(); }
  [[nodiscard]] Position position(std::size_t i) const { return positions_[i]; }
  [[nodiscard]] std::string_view data(std::size_t i) const {
    return {reinterpret_cast<const char*>(words_.data()) + offsets_[i], sizes_[i]};
  }

 private:
  friend class LogPrefetcher;
  void clear();
  void add(Position p, std::string_view bytes);
  std::vector<Position> positions_;
  std::vector<std::size_t> offsets_;
  std::vector<std::uint32_t> sizes_;
  std::vector<std::uint64_t> words_;  // records, each starting on an 8-byte boundary
  std::size_t used_words_ = 0;
};

class LogPrefetcher {
 public:
  // Events with from <= position <= to (and <= the head when reading starts).
  LogPrefetcher(const eventstore::EventStore& store, Position from,
                Position to = std::numeric_limits<Position>::max());
  ~LogPrefetcher();
  LogPrefetcher(const LogPrefetcher&) = delete;
  LogPrefetcher& operator=(const LogPrefetcher&) = delete;

  // The next chunk in log order (the previous one is given back), or nullptr at the end.
  [[nodiscard]] const LogChunk* next();
  // Ok, or why reading stopped early. Meaningful once next() returned nullptr.
  [[nodiscard]] Status status() const;
  // CPU time the reader thread used (for benchmarks); meaningful once next() returned nullptr.
  [[nodiscard]] std::chrono::nanoseconds reader_cpu() const;

 private:
  void run(const eventstore::EventStore& store, Position from, Position to);

  static constexpr std::size_t kChunks = 4;
  static constexpr std::size_t kEventsPerChunk = 2048;

  std::vector<LogChunk> chunks_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<LogChunk*> full_, free_;
  LogChunk* current_ = nullptr;
  bool done_ = false;
  bool stop_ = false;
  Status status_;
  std::chrono::nanoseconds reader_cpu_{0};
  std::thread thread_;
};

}  // namespace callwatch::projections
