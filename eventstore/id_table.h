// IdTable: every event id in the log -> its position, in memory, for the single writer.
//
// Idempotency needs "has this id been appended before?" for every event of every append.
// Asking RocksDB (a Get per event, or an id key per event in the batch) costs as much as the
// append itself; this table answers from memory, touching one cache line per lookup.
//
// Buckets of eight 8-byte slots (one cache line); a slot holds the event's position (40 bits)
// and a fingerprint of its id's hash (24 bits). The bucket is chosen by the top bits of the
// hash and the fingerprint is the 24 bits below them, so doubling the table splits each
// bucket in two by the fingerprint's top bit: ids are never rehashed, and every doubling
// leaves one fingerprint bit fewer to compare. Ids whose bucket is full go to a small
// overflow map keyed by the full hash. About 14-28 bytes per event. A fingerprint match is
// only a candidate: the writer confirms it against the log, so a collision can never turn a
// new event into a "duplicate".
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/ids.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

class IdTable {
 public:
  static constexpr int kPositionBits = 40;
  static constexpr Position kMaxPosition = (Position{1} << kPositionBits) - 1;

  IdTable();

  // `hash` is hash_id(event id) (domain/ids.h): the one id hash, both halves well mixed.
  // Positions above kMaxPosition (a trillion events) are not remembered.
  void insert(std::uint64_t hash, Position position);
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&buckets_[bucket(h)]); }

  // Calls f(position) for every candidate of `hash` until f returns true; returns whether
  // some call returned true.
  template <class F>
  bool find(std::uint64_t h, F&& f) const {
    const Bucket& b = buckets_[bucket(h)];
    const std::uint64_t want = window(h) >> (24 - fp_bits_);
    for (std::uint64_t s : b.slots) {
      if (s == 0) return false;  // slots fill in order: nothing after an empty one
      if ((s >> kPositionBits) >> (24 - fp_bits_) == want && f(s & kMaxPosition)) return true;
    }
    auto [lo, hi] = overflow_.equal_range(h);  // the bucket is full: maybe there
    for (auto it = lo; it != hi; ++it)
      if (f(it->second)) return true;
    return false;
  }
  [[nodiscard]] bool contains(std::uint64_t h) const {
    return find(h, [](Position) { return true; });
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::size_t memory_bytes() const {
    return buckets_.size() * sizeof(Bucket) + overflow_.size() * 48;
  }

 private:
  struct alignas(64) Bucket {
    std::uint64_t slots[8] = {};
  };
  [[nodiscard]] std::size_t bucket(std::uint64_t h) const {
    return static_cast<std::size_t>(h >> shift_);
  }
  // The 24 hash bits right below the bucket bits.
  [[nodiscard]] std::uint64_t window(std::uint64_t h) const {
    return (h >> (shift_ - 24)) & 0xffffff;
  }
  [[nodiscard]] bool place(std::uint64_t h, Position position);
  void grow();

  std::vector<Bucket> buckets_;
  int shift_ = 0;      // 64 - log2(bucket count)
  int fp_bits_ = 24;   // fingerprint bits still known for every slot
  std::size_t size_ = 0;
  std::unordered_multimap<std::uint64_t, Position> overflow_;
};

}  // namespace callwatch::eventstore
