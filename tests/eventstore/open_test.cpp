// Opening: reopen after a clean close, and every kind of directory that is not a usable store
// fails with a clear error while nothing in it changes.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>
#include <map>

#include "eventstore/format.h"
#include "eventstore/tuning.h"
#include "tests/eventstore/helpers.h"

namespace callwatch::eventstore {
namespace {

// Names are built with fmt::format, not "e" + std::to_string(i): at -O3 GCC 12 inlines that
// operator+ and reports a false -Wrestrict inside libstdc++ (GCC bug 105329).

namespace fs = std::filesystem;
using testing::TempDir;
using testing::ev;
using testing::open_store;
using ::testing::HasSubstr;

// name -> full content, to prove a failed open touched nothing.
std::map<std::string, std::string> snapshot(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    if (!f.is_regular_file()) continue;
    std::ifstream in(f.path(), std::ios::binary);
    out[f.path().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return out;
}

StoreError open_error(const std::string& dir, Options o = {}) {
  auto s = EventStore::open(dir, o);
  EXPECT_FALSE(s.has_value());
  return s ? StoreError{} : s.error();
}

void fill(const std::string& dir, int n, Options o = {}) {
  auto store = open_store(dir, o);
  for (int i = 0; i < n; ++i) {
    std::vector<NewEvent> e{ev(fmt::format("e{}", i), fmt::format("s{}", i % 3), "T",
                               std::string(200, static_cast<char>('a' + i % 26)))};
    ASSERT_TRUE(store->append(e[0].stream, ExpectedVersion::any(), e));
  }
}

// Opens the database underneath with plain RocksDB, for tests that forge states.
struct RawDb {
  explicit RawDb(const std::string& dir) {
    Options o;
    std::vector<rocksdb::ColumnFamilyDescriptor> d{
        {rocksdb::kDefaultColumnFamilyName, tuning::small_cf_options(o)},
        {"log", tuning::log_cf_options(o)},
        {"index", tuning::index_cf_options(o)},
        {"checkpoints", tuning::small_cf_options(o)},
        {"aux", tuning::small_cf_options(o)}};
    rocksdb::DBOptions dbo;
    dbo.create_if_missing = true;
    dbo.create_missing_column_families = true;
    rocksdb::DB* raw = nullptr;
    auto s = rocksdb::DB::Open(dbo, dir, d, &handles, &raw);
    EXPECT_TRUE(s.ok()) << s.ToString();
    db.reset(raw);
  }
  ~RawDb() {
    for (auto* h : handles) (void)db->DestroyColumnFamilyHandle(h);
  }
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
};

TEST(Open, ReopenRestoresHeadsIdsAndDurability) {
  TempDir dir;
  std::vector<NewEvent> e{ev("a", "s"), ev("b", "s")};
  {
    Options o;
    o.durability = Durability::Sync;
    auto store = open_store(dir.path(), o);
    ASSERT_TRUE(store->append("s", ExpectedVersion::no_stream(), e));
  }
  auto store = EventStore::open(dir.path(), Options{});
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->durability(), Durability::Sync);
  EXPECT_EQ((*store)->last_position(), 2u);
  EXPECT_EQ(*(*store)->stream_version("s"), 2u);
  auto retry = (*store)->append("s", ExpectedVersion::no_stream(), e);
  ASSERT_TRUE(retry);
  EXPECT_TRUE(retry->replayed);
  std::vector<NewEvent> c{ev("c", "s")};
  ASSERT_TRUE((*store)->append("s", ExpectedVersion::exact(2), c));
  EXPECT_TRUE((*store)->verify());
}

TEST(Open, ManyReopensKeepTheIndexConsistent) {
  TempDir dir;
  for (int round = 0; round < 4; ++round) {
    auto store = open_store(dir.path());
    for (int i = 0; i < 25; ++i) {
      std::vector<NewEvent> e{ev(fmt::format("{}-{}", round, i), fmt::format("s{}", i % 4))};
      ASSERT_TRUE(store->append(e[0].stream, ExpectedVersion::any(), e));
    }
    ASSERT_TRUE(store->verify());
  }
  auto store = open_store(dir.path());
  EXPECT_EQ(store->read_stream("s1", 1, 1000, Direction::Forward)->size(), 24u);  // i % 4 == 1
  EXPECT_EQ(store->stats()->streams, 4u);
}

TEST(Open, MissingDirectoryIsCreatedUnlessAskedNotTo) {
  TempDir dir;
  Options o;
  o.create_if_missing = false;
  EXPECT_EQ(open_error(dir.sub("new"), o).code, StoreErrorCode::NotAStore);
  EXPECT_FALSE(fs::exists(dir.sub("new")));
  o.read_only = true;
  o.create_if_missing = true;
  EXPECT_EQ(open_error(dir.sub("new"), o).code, StoreErrorCode::NotAStore);
  EXPECT_TRUE(open_store(dir.sub("new/nested")));
}

TEST(Open, AFileIsNotAStore) {
  TempDir dir;
  std::ofstream(dir.sub("file")) << "hello";
  auto e = open_error(dir.sub("file"));
  EXPECT_EQ(e.code, StoreErrorCode::NotAStore);
  EXPECT_THAT(e.message, HasSubstr("not a directory"));
}

TEST(Open, DirectoryWithOtherFilesIsNotTouched) {
  TempDir dir;
  fs::create_directories(dir.sub("d"));
  std::ofstream(dir.sub("d/notes.txt")) << "my notes";
  auto before = snapshot(dir.path());
  auto e = open_error(dir.sub("d"));
  EXPECT_EQ(e.code, StoreErrorCode::NotAStore);
  EXPECT_THAT(e.message, HasSubstr("notes.txt"));
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(Open, ForeignRocksDbIsNotTouched) {
  TempDir dir;
  {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(o, dir.path(), &raw).ok());
    ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), "k", "v").ok());
    delete raw;
  }
  auto before = snapshot(dir.path());
  auto e = open_error(dir.path());
  EXPECT_EQ(e.code, StoreErrorCode::NotAStore);
  EXPECT_THAT(e.message, HasSubstr("RocksDB"));
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(Open, OurColumnFamiliesWithoutMarkerAndWithEventsIsNotAStore) {
  TempDir dir;
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.handles[1], format::be64_string(1), "x").ok());
  }
  auto before = snapshot(dir.path());
  EXPECT_EQ(open_error(dir.path()).code, StoreErrorCode::NotAStore);
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(Open, InterruptedCreationIsCompleted) {
  TempDir dir;
  { RawDb raw(dir.path()); }  // column families made, marker never written
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  std::vector<NewEvent> e{ev("a", "s")};
  EXPECT_TRUE(store->append("s", ExpectedVersion::any(), e));
}

TEST(Open, NewerSchemaIsRefusedAndNotTouched) {
  TempDir dir;
  fill(dir.path(), 5);
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.handles[0], format::kSchemaKey, "2").ok());
  }
  auto before = snapshot(dir.path());
  auto e = open_error(dir.path());
  EXPECT_EQ(e.code, StoreErrorCode::SchemaTooNew);
  EXPECT_THAT(e.message, HasSubstr("schema version 2"));
  EXPECT_EQ(snapshot(dir.path()), before);
  Options ro;
  ro.read_only = true;
  EXPECT_EQ(open_error(dir.path(), ro).code, StoreErrorCode::SchemaTooNew);
}

TEST(Open, GarbageCurrentFileIsCorruption) {
  TempDir dir;
  fill(dir.path(), 5);
  std::ofstream(dir.sub("CURRENT"), std::ios::trunc) << "MANIFEST-999999\n";
  auto before = snapshot(dir.path());
  auto e = open_error(dir.path());
  EXPECT_EQ(e.code, StoreErrorCode::Corruption);
  EXPECT_THAT(e.message, HasSubstr("damaged"));
  EXPECT_EQ(snapshot(dir.path()), before);
}

TEST(Open, TruncatedManifestIsCorruption) {
  TempDir dir;
  fill(dir.path(), 5);
  for (const auto& f : fs::directory_iterator(dir.path()))
    if (f.path().filename().string().starts_with("MANIFEST-")) fs::resize_file(f.path(), 10);
  EXPECT_EQ(open_error(dir.path()).code, StoreErrorCode::Corruption);
}

// Small memtables so that the log reaches SST files.
Options small_buffers() {
  Options o;
  o.write_buffer_bytes = 64 << 10;
  return o;
}

fs::path largest_sst(const std::string& dir) {
  fs::path best;
  std::uintmax_t size = 0;
  for (const auto& f : fs::directory_iterator(dir))
    if (f.path().extension() == ".sst" && f.file_size() > size) {
      size = f.file_size();
      best = f.path();
    }
  return best;
}

TEST(Open, TruncatedTableFileIsCorruption) {
  TempDir dir;
  fill(dir.path(), 2000, small_buffers());
  fs::path sst = largest_sst(dir.path());
  ASSERT_FALSE(sst.empty());
  fs::resize_file(sst, fs::file_size(sst) / 2);
  auto e = open_error(dir.path(), small_buffers());
  EXPECT_EQ(e.code, StoreErrorCode::Corruption) << e.message;
}

TEST(Open, FlippedBytesInATableFileAreCorruption) {
  TempDir dir;
  fill(dir.path(), 2000, small_buffers());
  fs::path sst = largest_sst(dir.path());
  ASSERT_FALSE(sst.empty());
  {
    std::fstream f(sst, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.write("\x13\x37\x13\x37\x13\x37\x13\x37", 8);
  }
  auto e = open_error(dir.path(), small_buffers());
  EXPECT_EQ(e.code, StoreErrorCode::Corruption) << e.message;
}

TEST(Open, SecondWriterIsRefused) {
  TempDir dir;
  auto first = open_store(dir.path());
  auto e = open_error(dir.path());
  EXPECT_EQ(e.code, StoreErrorCode::InUse) << e.message;
  Options ro;
  ro.read_only = true;
  EXPECT_TRUE(open_store(dir.path(), ro));  // readers may coexist
}

TEST(Open, IndexAheadOfTheLogIsRebuilt) {
  TempDir dir;
  fill(dir.path(), 30);
  {
    RawDb raw(dir.path());
    rocksdb::WriteOptions wo;
    ASSERT_TRUE(raw.db->Put(wo, raw.handles[2], format::kIndexedKey, format::be64_string(1000)).ok());
    ASSERT_TRUE(raw.db->Put(wo, raw.handles[2], format::run_key("ghost", 1), std::string("\x01\xe8\x07", 3)).ok());
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_TRUE(store->verify());
  EXPECT_EQ(store->stats()->streams, 3u);
  EXPECT_EQ(store->read_stream("ghost", 1, 10, Direction::Forward)->size(), 0u);
}

TEST(Open, IndexBehindTheLogIsCaughtUp) {
  TempDir dir;
  fill(dir.path(), 30);
  {
    RawDb raw(dir.path());
    rocksdb::WriteOptions wo;
    ASSERT_TRUE(raw.db->DeleteRange(wo, raw.handles[2], "", "\xff").ok());
  }
  auto store = open_store(dir.path());
  EXPECT_TRUE(store->verify());
  EXPECT_EQ(store->read_stream("s2", 1, 100, Direction::Forward)->size(), 10u);
}

// A read-only store does not catch its index up: stream reads combine the indexed runs with
// the log tail after them, in both directions, and answer as the fully indexed store does.
TEST(Open, ReadOnlyStreamReadsCombineALaggingIndexWithTheLogTail) {
  TempDir dir;
  fill(dir.path(), 30);
  struct Query {
    StreamVersion from;
    std::size_t max;
    Direction direction;
  };
  const std::vector<Query> queries{{1, 100, Direction::Forward},  {4, 3, Direction::Forward},
                                   {9, 100, Direction::Forward},  {EventStore::kEndOfStream, 100, Direction::Backward},
                                   {7, 4, Direction::Backward},   {3, 100, Direction::Backward}};
  auto answers = [&](const EventStore& store) {
    std::vector<std::vector<Position>> out;
    for (const Query& q : queries) {
      auto events = store.read_stream("s2", q.from, q.max, q.direction);
      EXPECT_TRUE(events) << events.error().message;
      out.emplace_back();
      if (events)
        for (const auto& e : *events) out.back().push_back(e.position);
    }
    return out;
  };
  std::vector<std::vector<Position>> indexed;
  {
    auto store = open_store(dir.path());
    ASSERT_TRUE(store);
    indexed = answers(*store);
  }
  ASSERT_EQ(indexed[0].size(), 10u);
  {
    RawDb raw(dir.path());  // the index claims only the first half of the log
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions{}, raw.handles[2], format::kIndexedKey,
                            format::be64_string(15)).ok());
  }
  Options ro;
  ro.read_only = true;
  auto store = open_store(dir.path(), ro);
  ASSERT_TRUE(store);
  EXPECT_EQ(answers(*store), indexed);
}

TEST(Open, ErrorCodesHaveStableNames) {
  EXPECT_EQ(to_string(StoreErrorCode::NotAStore), "NOT_A_STORE");
  EXPECT_EQ(to_string(StoreErrorCode::SchemaTooNew), "SCHEMA_TOO_NEW");
  EXPECT_EQ(to_string(StoreErrorCode::Corruption), "CORRUPTION");
  EXPECT_EQ(to_string(Durability::Wal), "wal");
  EXPECT_EQ(parse_durability("sync"), Durability::Sync);
  EXPECT_EQ(parse_durability("fast"), std::nullopt);
}

}  // namespace
}  // namespace callwatch::eventstore
