#include "eventstore/id_table.h"

#include <functional>

namespace callwatch::eventstore {

IdTable::IdTable() : slots_(std::size_t{1} << 16) {}

std::uint64_t IdTable::hash(std::string_view id) {
  // libstdc++'s string hash is 64-bit Murmur; the finalizer spreads it over the low bits the
  // table indexes with.
  std::uint64_t h = std::hash<std::string_view>{}(id);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}

void IdTable::insert(std::uint64_t h, Position position) {
  if ((size_ + 1) * 4 > slots_.size() * 3) grow();
  std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  while (slots_[i].position != 0) i = (i + 1) & mask;
  slots_[i] = Slot{h, position};
  ++size_;
}

void IdTable::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.position == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].position != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace callwatch::eventstore
