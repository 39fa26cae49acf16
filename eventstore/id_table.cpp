#include "eventstore/id_table.h"

#include <bit>
#include <functional>

namespace callwatch::eventstore {

namespace {
constexpr std::size_t kInitialBuckets = std::size_t{1} << 13;  // 512 KiB
constexpr int kMinFingerprintBits = 8;
}  // namespace

IdTable::IdTable()
    : buckets_(kInitialBuckets), shift_(64 - std::countr_zero(kInitialBuckets)) {}

bool IdTable::place(std::uint64_t h, Position position) {
  Bucket& b = buckets_[bucket(h)];
  const std::uint64_t slot = window(h) << kPositionBits | position;
  for (std::uint64_t& s : b.slots)
    if (s == 0) {
      s = slot;
      return true;
    }
  return false;
}

void IdTable::insert(std::uint64_t h, Position position) {
  if (position == 0 || position > kMaxPosition) return;
  // Grow at 60% load (while fingerprints stay useful); then full buckets are rare.
  if ((size_ + 1) * 10 > buckets_.size() * 8 * 6 && fp_bits_ > kMinFingerprintBits) grow();
  if (!place(h, position)) overflow_.emplace(h, position);
  ++size_;
}

void IdTable::grow() {
  std::vector<Bucket> bigger(buckets_.size() * 2);
  for (std::size_t b = 0; b < buckets_.size(); ++b) {
    std::size_t fill[2] = {0, 0};
    for (std::uint64_t s : buckets_[b].slots) {
      if (s == 0) break;
      std::uint64_t fp = s >> kPositionBits;
      std::uint64_t half = fp >> 23;  // the fingerprint's top bit becomes an index bit
      std::uint64_t moved = ((fp << 1) & 0xffffff) << kPositionBits | (s & kMaxPosition);
      bigger[2 * b + half].slots[fill[half]++] = moved;
    }
  }
  buckets_ = std::move(bigger);
  --shift_;
  --fp_bits_;
  // Overflowed ids know their full hash: give them a bucket if there is room now.
  std::unordered_multimap<std::uint64_t, Position> rest;
  for (const auto& [h, p] : overflow_)
    if (!place(h, p)) rest.emplace(h, p);
  overflow_ = std::move(rest);
}

}  // namespace callwatch::eventstore
