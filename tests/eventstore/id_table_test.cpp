// IdTable: every inserted id is found again across growth; absent ids are (almost) never
// candidates; colliding fingerprints are all offered.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "eventstore/id_table.h"

namespace callwatch::eventstore {
namespace {

TEST(IdTable, FindsEverythingThroughGrowth) {
  IdTable t;
  std::mt19937_64 rng(42);
  std::vector<std::uint64_t> hashes;
  for (Position p = 1; p <= 300000; ++p) {
    hashes.push_back(rng());
    t.insert(hashes.back(), p);
  }
  EXPECT_EQ(t.size(), 300000u);
  for (Position p = 1; p <= hashes.size(); ++p) {
    bool found = t.find(hashes[p - 1], [&](Position q) { return q == p; });
    ASSERT_TRUE(found) << p;
  }
  std::size_t false_candidates = 0;
  for (int i = 0; i < 100000; ++i) false_candidates += t.contains(rng());
  EXPECT_LT(false_candidates, 100u);  // a few fingerprint collisions, confirmed by the caller
  EXPECT_LT(t.memory_bytes(), 300000u * 32);
}

TEST(IdTable, SameHashOffersEveryCandidate) {
  IdTable t;
  for (Position p = 1; p <= 20; ++p) t.insert(0x1234567890abcdefULL, p);  // one full bucket and more
  std::set<Position> seen;
  t.find(0x1234567890abcdefULL, [&](Position p) {
    seen.insert(p);
    return false;
  });
  EXPECT_EQ(seen.size(), 20u);
  EXPECT_FALSE(t.contains(0x0234567890abcdefULL));
}

}  // namespace
}  // namespace callwatch::eventstore
