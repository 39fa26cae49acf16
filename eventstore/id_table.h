// IdTable: every event id in the log -> its position, in memory, for the single writer.
//
// Idempotency needs "has this id been appended before?" for every event of every append.
// Asking RocksDB (a Get per event, or an id key per event in the batch) costs as much as the
// append itself; this table answers from memory: an open-addressing table of the id's 64-bit
// hash and its position, 16 bytes a slot (about 21-43 bytes per event with load factor
// 0.375-0.75). A hash match is only a candidate: the writer confirms it against the log, so
// a collision can never turn a new event into a "duplicate".
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "eventstore/types.h"

namespace callwatch::eventstore {

class IdTable {
 public:
  IdTable();

  [[nodiscard]] static std::uint64_t hash(std::string_view id);

  void insert(std::uint64_t hash, Position position);
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }
  // Calls f(position) for every entry whose hash equals `hash` until f returns true; returns
  // whether some call returned true.
  template <class F>
  bool find(std::uint64_t h, F&& f) const {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.position == 0) return false;
      if (s.hash == h && f(s.position)) return true;
    }
  }

  // Whether some entry has this hash (no verification: a candidate, not an answer).
  [[nodiscard]] bool contains(std::uint64_t h) const {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i].position == 0) return false;
      if (slots_[i].hash == h) return true;
    }
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t memory_bytes() const { return slots_.size() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    Position position = 0;  // 0: empty
  };
  void grow();

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace callwatch::eventstore
