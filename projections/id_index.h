// String ids to dense integers, for the replay hot path.
//
// Events name things by string ("alice", "c-17"); the read models keep flat arrays indexed
// by small integers instead, so that folding an event costs one hash of a short string and
// no allocation. Two flavours:
//   - Interner: append-only (users, queues, flows, profiles, status names). These grow with
//     the size of the contact center, never with the length of the log.
//   - FlatIndex: the bare open-addressing table, with erase, for ids that come and go
//     (live contacts: a finished contact gives its slot back).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dense_index.h"
#include "domain/ids.h"

namespace callwatch::projections {

using callwatch::kNone;  // domain/dense_index.h

// The id hash (domain/ids.h): 64 bits, both halves mixed.
using callwatch::hash_id;

// Open addressing with linear probing and backward-shift deletion (no tombstones, so a
// table with many inserts and erases never degrades). Keys live outside the table: the
// caller passes `key_of(value) -> std::string_view` to compare.
class FlatIndex {
 public:
  FlatIndex();

  template <class KeyOf>
  [[nodiscard]] std::uint32_t find(std::string_view key, std::uint64_t h, KeyOf&& key_of) const {
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = static_cast<std::uint32_t>(h) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.tag == tag && key_of(s.value) == key) return s.value;
    }
  }

  // `key` must not be present.
  void insert(std::uint64_t h, std::uint32_t value);

  // Removes the entry holding `value` (found by its key's hash). Returns false if absent.
  bool erase(std::uint64_t h, std::uint32_t value);

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }
  void clear();

 private:
  struct Slot {
    std::uint32_t low = 0;  // low half of the hash: the home bucket
    std::uint32_t tag = 0;  // high half: most mismatches never touch the key
    std::uint32_t value = kNone;
  };
  void grow();

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// Strings to 0, 1, 2, ... in order of first sight. Ids are never removed.
class Interner {
 public:
  // The id's number, adding it if new. `h` is hash_id(s) when the caller has it (an Id
  // carries its own: Id::hash()).
  std::uint32_t intern(std::string_view s) { return intern(s, hash_id(s)); }
  std::uint32_t intern(std::string_view s, std::uint64_t h);
  // kNone if unknown.
  [[nodiscard]] std::uint32_t find(std::string_view s) const { return find(s, hash_id(s)); }
  [[nodiscard]] std::uint32_t find(std::string_view s, std::uint64_t h) const;
  [[nodiscard]] const std::string& name(std::uint32_t i) const { return names_[i]; }
  [[nodiscard]] std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(names_.size()); }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
  [[nodiscard]] std::size_t memory_bytes() const noexcept;
  void clear();

 private:
  std::vector<std::string> names_;
  FlatIndex index_;
};

}  // namespace callwatch::projections
