#include "eventstore/stream_heads.h"

#include <functional>

namespace callwatch::eventstore {

namespace {
constexpr std::size_t kInline = sizeof(StreamHeads::Slot::inline_name);
}

std::string_view StreamHeads::Slot::name() const {
  if (length <= kInline) return {inline_name, length};
  const std::string* s = nullptr;
  std::memcpy(&s, inline_name, sizeof s);
  return *s;
}

StreamHeads::StreamHeads() : slots_(new Slot[1024]), capacity_(1024), mask_(1023) {}

StreamHeads::Slot* StreamHeads::find(std::string_view stream, std::uint64_t h) {
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.hash == 0) return nullptr;
    if (s.hash == h && s.length == stream.size() && s.name() == stream) return &s;
  }
}

const StreamHeads::Slot* StreamHeads::find(std::string_view stream) const {
  return const_cast<StreamHeads*>(this)->find(stream, hash(stream));
}

StreamHeads::Slot& StreamHeads::get_or_add(std::string_view stream, std::uint64_t h) {
  if (Slot* s = find(stream, h)) return *s;
  if ((size_ + 1) * 4 > capacity_ * 3) grow();
  std::size_t i = h & mask_;
  while (slots_[i].hash != 0) i = (i + 1) & mask_;
  Slot& s = slots_[i];
  s = Slot{};
  s.hash = h;
  s.length = static_cast<std::uint32_t>(stream.size());
  if (stream.size() <= kInline) {
    std::memcpy(s.inline_name, stream.data(), stream.size());
  } else {
    const std::string* p = &long_names_.emplace_back(stream);
    std::memcpy(s.inline_name, &p, sizeof p);
  }
  ++size_;
  return s;
}

void StreamHeads::reserve_more(std::size_t more) {
  while ((size_ + more) * 4 > capacity_ * 3) grow();
}

void StreamHeads::grow() {
  std::size_t new_capacity = capacity_ * 2;
  std::unique_ptr<Slot[]> fresh(new Slot[new_capacity]);
  std::size_t new_mask = new_capacity - 1;
  for (std::size_t k = 0; k < capacity_; ++k) {
    const Slot& s = slots_[k];
    if (s.hash == 0) continue;
    std::size_t i = s.hash & new_mask;
    while (fresh[i].hash != 0) i = (i + 1) & new_mask;
    fresh[i] = s;
  }
  slots_ = std::move(fresh);
  capacity_ = new_capacity;
  mask_ = new_mask;
}

}  // namespace callwatch::eventstore
