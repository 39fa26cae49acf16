// StreamHeads: stream name -> its current version, for the single writer. Internal.
//
// One lookup per part of every append: with std::unordered_map that was three or four cache
// misses (bucket, node, heap-allocated name) and the biggest cost of an append after RocksDB
// itself. Here a slot is one 64-byte cache line holding the hash, the version, the request
// scratch and the name inline (up to 28 bytes, which covers callwatch's streams), and the
// writer prefetches the slots of a whole request before looking any up.
#pragma once

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "domain/ids.h"
#include "eventstore/types.h"

namespace callwatch::eventstore {

class StreamHeads {
 public:
  struct alignas(64) Slot {
    std::uint64_t hash = 0;     // 0: empty
    StreamVersion version = 0;  // the stream's committed version
    std::uint64_t stamp = 0;    // the request that last staged it ...
    StreamVersion staged = 0;   // ... and the version that request takes it to
    std::uint32_t length = 0;
    char inline_name[28];       // or, when length > 28, a pointer into long_names_

    [[nodiscard]] std::string_view name() const;
  };
  static_assert(sizeof(Slot) == 64);

  StreamHeads();

  // The id hash (hash_id, domain/ids.h), never 0: 0 marks an empty slot.
  [[nodiscard]] static std::uint64_t hash(std::string_view stream) { return hash_id(stream) | 1; }
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }

  // The stream's slot, or nullptr.
  [[nodiscard]] Slot* find(std::string_view stream, std::uint64_t h);
  [[nodiscard]] const Slot* find(std::string_view stream) const;
  // The stream's slot, added at version 0 if new. Pointers stay valid until the next insert
  // that grows the table: the writer reserves room for a whole request first.
  [[nodiscard]] Slot& get_or_add(std::string_view stream, std::uint64_t h);
  // Makes room for `more` new streams without moving slots.
  void reserve_more(std::size_t more);

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  void grow();

  std::unique_ptr<Slot[]> slots_;
  std::size_t capacity_ = 0;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
  std::deque<std::string> long_names_;
};

}  // namespace callwatch::eventstore
