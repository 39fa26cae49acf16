#include "projections/id_index.h"

#include <cstring>

namespace callwatch::projections {

FlatIndex::FlatIndex() : slots_(16), mask_(15) {}

void FlatIndex::clear() {
  slots_.assign(16, Slot{});
  mask_ = 15;
  size_ = 0;
}

void FlatIndex::insert(std::uint64_t h, std::uint32_t value) {
  if ((size_ + 1) * 8 > slots_.size() * 5) grow();  // load factor <= 5/8
  std::size_t i = static_cast<std::uint32_t>(h) & mask_;
  while (slots_[i].value != kNone) i = (i + 1) & mask_;
  slots_[i] = Slot{static_cast<std::uint32_t>(h), static_cast<std::uint32_t>(h >> 32), value};
  ++size_;
}

bool FlatIndex::erase(std::uint64_t h, std::uint32_t value) {
  std::size_t i = static_cast<std::uint32_t>(h) & mask_;
  for (;; i = (i + 1) & mask_) {
    if (slots_[i].value == kNone) return false;
    if (slots_[i].value == value) break;
  }
  // Backward shift: pull later entries of the cluster into the hole when their home bucket
  // does not lie cyclically in (hole, j].
  std::size_t hole = i;
  for (std::size_t j = (hole + 1) & mask_; slots_[j].value != kNone; j = (j + 1) & mask_) {
    const std::size_t home = slots_[j].low & mask_;
    const bool stays = hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
    if (!stays) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = Slot{};
  --size_;
  return true;
}

void FlatIndex::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.value == kNone) continue;
    std::size_t i = s.low & mask_;
    while (slots_[i].value != kNone) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

std::uint32_t Interner::intern(std::string_view s, std::uint64_t h) {
  const std::uint32_t found = index_.find(s, h, [&](std::uint32_t v) -> std::string_view { return names_[v]; });
  if (found != kNone) return found;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  index_.insert(h, id);
  return id;
}

std::uint32_t Interner::find(std::string_view s, std::uint64_t h) const {
  return index_.find(s, h, [&](std::uint32_t v) -> std::string_view { return names_[v]; });
}

std::size_t Interner::memory_bytes() const noexcept {
  std::size_t bytes = index_.memory_bytes() + names_.capacity() * sizeof(std::string);
  for (const auto& n : names_)
    if (n.capacity() > 15) bytes += n.capacity() + 1;
  return bytes;
}

void Interner::clear() {
  names_.clear();
  index_.clear();
}

}  // namespace callwatch::projections
