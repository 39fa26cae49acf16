// verify_store and salvage_store on stores damaged at seeded random places: table files
// overwritten, the WAL truncated and overwritten, the MANIFEST damaged, files missing or cut
// short. For each: salvage keeps exactly the events verify calls intact, byte for byte as the
// undamaged original held them, the new store opens and verifies, the old one is unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "eventstore/format.h"
#include "eventstore/salvage.h"
#include "eventstore/verify.h"
#include "helpers.h"

namespace callwatch::eventstore {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream f(e.path(), std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    files[e.path().string()] = s.str();
  }
  return files;
}

// 3,000 events on 60 streams; flushed to table files in three rounds, the last 500 only in the WAL.
std::vector<RecordedEvent> make_store(const std::string& dir, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  {
    Options o;
    o.write_buffer_bytes = 64 << 10;  // small memtables: several table files
    auto s = testing::open_store(dir, o);
    for (int i = 0; i < 3000; ++i) {
      std::string data(20 + rng() % 200, static_cast<char>('a' + i % 26));
      NewEvent e = testing::ev(fmt::format("e-{}", i), fmt::format("contact-{}", rng() % 60),
                               i % 3 ? "Talked" : "Rang", data);
      EXPECT_TRUE(s->append(e.stream, ExpectedVersion::any(), {&e, 1}).has_value());
    }
  }
  Options ro;
  ro.read_only = true;
  auto s = EventStore::open(dir, ro);
  EXPECT_TRUE(s.has_value());
  auto all = (*s)->read_all(1, 100000);
  EXPECT_TRUE(all.has_value());
  return *all;
}

void overwrite(const fs::path& p, std::mt19937_64& rng, std::size_t n) {
  auto size = fs::file_size(p);
  if (size == 0) return;
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  auto at = rng() % size;
  f.seekp(static_cast<std::streamoff>(at));
  for (std::size_t i = 0; i < n && at + i < size; ++i) f.put(static_cast<char>(rng()));
}

std::vector<fs::path> files_ending(const std::string& dir, std::string_view end) {
  std::vector<fs::path> v;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().ends_with(end) || e.path().filename().string().starts_with(end))
      v.push_back(e.path());
  std::sort(v.begin(), v.end());
  return v;
}

enum class Damage { Sst, WalTruncate, WalOverwrite, Manifest, MissingSst, TruncatedSst, None };

void damage(const std::string& dir, Damage d, std::mt19937_64& rng) {
  switch (d) {
    case Damage::Sst: {
      auto f = files_ending(dir, ".sst");
      overwrite(f[rng() % f.size()], rng, 1 + rng() % 64);
      break;
    }
    case Damage::WalTruncate: {
      for (auto& f : files_ending(dir, ".log")) fs::resize_file(f, fs::file_size(f) * (rng() % 100) / 100);
      break;
    }
    case Damage::WalOverwrite:
      for (auto& f : files_ending(dir, ".log")) overwrite(f, rng, 1 + rng() % 32);
      break;
    case Damage::Manifest:
      for (auto& f : files_ending(dir, "MANIFEST-")) overwrite(f, rng, 1 + rng() % 16);
      break;
    case Damage::MissingSst: {
      auto f = files_ending(dir, ".sst");
      fs::remove(f[rng() % f.size()]);
      break;
    }
    case Damage::TruncatedSst: {
      auto f = files_ending(dir, ".sst");
      auto p = f[rng() % f.size()];
      fs::resize_file(p, fs::file_size(p) * (rng() % 100) / 100);
      break;
    }
    case Damage::None: break;
  }
}

class SalvageTest : public ::testing::TestWithParam<std::tuple<Damage, int>> {};

TEST_P(SalvageTest, KeepsEveryIntactEventAndLeavesTheOriginalAlone) {
  auto [kind, seed] = GetParam();
  TempDir tmp;
  const std::string dir = tmp.sub("store");
  auto original = make_store(dir, 100 + seed);
  ASSERT_EQ(original.size(), 3000u);
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed) * 7919 + static_cast<int>(kind));
  damage(dir, kind, rng);
  const auto before = snapshot(dir);

  VerifyOptions vo;
  vo.scratch_dir = tmp.path();
  std::vector<Position> intact;
  auto v = verify_store(dir, vo, [&](const RecordedEventView& e) {
    intact.push_back(e.position);
    return Status{};
  });
  ASSERT_TRUE(v.has_value()) << v.error().message;
  if (kind == Damage::None) { EXPECT_TRUE(v->intact()); }
  EXPECT_EQ(v->intact_events, intact.size());
  EXPECT_EQ(v->intact_events + v->lost_positions(), v->last_position);
  if (intact.size() < original.size()) { EXPECT_FALSE(v->intact()); }

  auto s = salvage_store(dir, tmp.sub("new"), vo);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->copied_events, intact.size());
  EXPECT_EQ(before, snapshot(dir)) << "the original changed";

  Options ro;
  ro.read_only = true;
  auto n = EventStore::open(tmp.sub("new"), ro);
  ASSERT_TRUE(n.has_value()) << n.error().message;
  EXPECT_TRUE((*n)->verify().has_value());
  auto copied = (*n)->read_all(1, 100000);
  ASSERT_TRUE(copied.has_value());
  ASSERT_EQ(copied->size(), intact.size());
  for (std::size_t i = 0; i < intact.size(); ++i) {
    const RecordedEvent& o = original.at(intact[i] - 1);
    const RecordedEvent& c = (*copied)[i];
    EXPECT_EQ(c.position, i + 1);
    EXPECT_EQ(c.event_id, o.event_id);
    EXPECT_EQ(c.stream, o.stream);
    EXPECT_EQ(c.type, o.type);
    EXPECT_EQ(c.data, o.data);
  }
  // A second salvage into the now non-empty directory is refused.
  EXPECT_FALSE(salvage_store(dir, tmp.sub("new"), vo).has_value());
}

INSTANTIATE_TEST_SUITE_P(Damages, SalvageTest,
                         ::testing::Combine(::testing::Values(Damage::Sst, Damage::WalTruncate,
                                                              Damage::WalOverwrite, Damage::Manifest,
                                                              Damage::MissingSst, Damage::TruncatedSst,
                                                              Damage::None),
                                            ::testing::Range(0, 4)));

TEST(Salvage, OverwrittenTableBlockIsReportedByPositionAndStream) {
  TempDir tmp;
  const std::string dir = tmp.sub("store");
  auto original = make_store(dir, 1);
  auto f = files_ending(dir, ".sst");
  fs::path biggest = *std::max_element(f.begin(), f.end(), [](auto& a, auto& b) { return fs::file_size(a) < fs::file_size(b); });

  { std::fstream s(biggest, std::ios::in | std::ios::out | std::ios::binary); s.seekp(1000); s.write("XXXXXXXXXXXXXXXX", 16); }
  VerifyOptions vo;
  auto v = verify_store(dir, vo);
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->intact());
  ASSERT_FALSE(v->lost.empty());
  // Unreadable, or missing where RocksDB answers "not found" for keys of the damaged block.
  EXPECT_TRUE(v->lost[0].kind == LossKind::Unreadable || v->lost[0].kind == LossKind::Missing);
  EXPECT_FALSE(v->streams.empty());  // the stream index names what was lost
  for (const auto& e : v->lost_events)
    if (!e.stream.empty()) {
      EXPECT_EQ(e.stream, original.at(e.position - 1).stream);
      EXPECT_EQ(e.stream_version, original.at(e.position - 1).stream_version);
    }
}

TEST(Salvage, RefusesATargetThatIsNotEmptyAndReportsNoStore) {
  TempDir tmp;
  fs::create_directories(tmp.sub("full"));
  { std::ofstream(tmp.sub("full/x")) << "x"; }
  make_store(tmp.sub("store"), 2);
  auto s = salvage_store(tmp.sub("store"), tmp.sub("full"), {});
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, StoreErrorCode::InvalidArgument);
  auto v = verify_store(tmp.sub("nothing"), {});
  ASSERT_FALSE(v.has_value());
  EXPECT_EQ(v.error().code, StoreErrorCode::NotAStore);
}

// The decoder of our record format (format.h) on 100,000 seeded mutations of real records:
// never a crash, and a record that decodes has its fields inside the value.
TEST(RecordMutation, DecodeRecordNeverReadsOutsideTheValue) {
  TypeDictionary types;
  rocksdb::WriteBatch wb;
  (void)types.code("Talked", wb, nullptr);
  std::mt19937_64 rng(42);
  char header[format::kMaxRecordHeader];
  std::uint64_t decoded = 0;
  for (int i = 0; i < 100000; ++i) {
    std::size_t n = format::put_record_header(header, 1 + rng() % 1000, fmt::format("cmd-{}#0", i),
                                              "contact-c-1", 1);
    std::string rec(header, n);
    rec.append(rng() % 40, 'd');
    switch (rng() % 4) {
      case 0: rec.resize(rng() % (rec.size() + 1)); break;
      case 1: rec[rng() % rec.size()] = static_cast<char>(rng()); break;
      case 2: for (int k = 0; k < 4; ++k) rec[rng() % rec.size()] = static_cast<char>(rng()); break;
      default: rec.insert(rng() % rec.size(), 1, static_cast<char>(rng())); break;
    }
    RecordedEventView e;
    if (format::decode_record(rec, e, types)) {
      ++decoded;
      const char* b = rec.data();
      const char* end = b + rec.size();
      for (auto f : {e.event_id, e.stream, e.data})
        ASSERT_TRUE(f.empty() || (f.data() >= b && f.data() + f.size() <= end));
    }
  }
  EXPECT_GT(decoded, 0u);
  EXPECT_LT(decoded, 100000u);
}

}  // namespace
}  // namespace callwatch::eventstore

namespace callwatch::eventstore {
namespace {

// Whole store directories damaged at seeded places: EventStore::open either opens (and the
// store then verifies or reports CORRUPTION) or refuses with CORRUPTION / NOT_A_STORE /
// IO_ERROR, never crashes. A refused open, read-only or for writing, leaves every file of the
// directory byte for byte as it was, RocksDB's info log (LOG) included: the writable open
// checks everything read-only before RocksDB may write (eventstore/open.cpp).
TEST(StoreDirectoryMutation, OpenSucceedsOrRefusesWithoutChangingAByte) {
  TempDir tmp;
  const std::string base = tmp.sub("base");
  make_store(base, 9);
  const int kRounds = 120;
  int refused = 0, refused_writable = 0, opened = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::mt19937_64 rng(1000 + round);
    const std::string dir = tmp.sub(fmt::format("d{}", round));
    fs::copy(base, dir, fs::copy_options::recursive);
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k)
      damage(dir, static_cast<Damage>(rng() % 6), rng);
    for (bool read_only : {true, false}) {
      const auto before = snapshot(dir);
      Options o;
      o.durability = Durability::Wal;
      o.read_only = read_only;
      o.create_if_missing = false;
      auto s = EventStore::open(dir, o);
      if (!s) {
        ++refused;
        refused_writable += read_only ? 0 : 1;
        EXPECT_TRUE(s.error().code == StoreErrorCode::Corruption || s.error().code == StoreErrorCode::NotAStore ||
                    s.error().code == StoreErrorCode::IoError)
            << s.error().message;
        EXPECT_FALSE(s.error().message.empty());
        const auto after = snapshot(dir);
        EXPECT_EQ(before.size(), after.size()) << "round " << round << ": a refused open added or removed files";
        for (const auto& [name, bytes] : before) {
          auto it = after.find(name);
          EXPECT_TRUE(it != after.end() && it->second == bytes)
              << "round " << round << (read_only ? ": a refused read-only open" : ": a refused writable open")
              << " changed " << name << " (" << s.error().message << ")";
        }
      } else {
        ++opened;
        (void)(*s)->verify();  // may report damage; must not crash
      }
    }
    fs::remove_all(dir);
  }
  // The damage is varied enough to exercise both outcomes, and refusals for writing.
  EXPECT_GT(refused_writable, 0);
  EXPECT_GT(opened, 0);
  std::printf("%d damaged directories: %d refused opens (%d for writing), %d opened\n", kRounds, refused,
              refused_writable, opened);
}

}  // namespace
}  // namespace callwatch::eventstore
