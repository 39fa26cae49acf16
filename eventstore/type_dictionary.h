// TypeDictionary: event type names <-> small codes. A record stores its type as a varint code
// (one byte for the first 127 types) instead of the name: a fifth fewer bytes per callwatch
// event in the WAL, the memtable and every compaction. Internal to eventstore/.
//
// Codes are assigned by the single writer when a type first appears and persisted in the
// default column family in the same WriteBatch as the first event using it, so a record's
// code always has its name on disk. Readers look names up without locks: names live in a
// deque (stable addresses) published through atomic pointers.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "eventstore/error.h"

namespace callwatch::eventstore {

class TypeDictionary {
 public:
  static constexpr std::uint32_t kMaxTypes = 1 << 16;

  TypeDictionary();

  // The name of `code`, or nullptr. Any thread.
  [[nodiscard]] const std::string* name(std::uint64_t code) const {
    return code < kMaxTypes ? names_[code].load(std::memory_order_acquire) : nullptr;
  }

  // Writer only: the code of `type`, adding it (and its Put to `batch`) when new; 0 when the
  // dictionary is full.
  [[nodiscard]] std::uint32_t code(std::string_view type, rocksdb::WriteBatch& batch,
                                   rocksdb::ColumnFamilyHandle* meta_cf);

  // Codes still free; the writer refuses a request that could exhaust them before staging it.
  [[nodiscard]] std::uint32_t remaining() const { return kMaxTypes - next_; }

  // Loads the persisted dictionary (open).
  [[nodiscard]] Status load(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* meta_cf);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  void publish(std::uint32_t code, std::string_view type);

  std::unique_ptr<std::atomic<const std::string*>[]> names_;
  std::deque<std::string> storage_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
  std::uint32_t next_ = 1;
  // A small direct-mapped cache in front of codes_: a handful of types make up a log.
  struct CacheEntry {
    std::string_view name;
    std::uint32_t code = 0;
  };
  static constexpr std::size_t kCache = 64;
  CacheEntry cache_[kCache];
};

}  // namespace callwatch::eventstore
