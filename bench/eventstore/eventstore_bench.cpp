// Event store throughput against raw RocksDB, measured in the same run on the same bytes.
//
//   BM_RawRocksDbWriteBatch/B   the baseline: realistic encoded events (testkit::sample_records)
//                               written as BE64 position -> bytes, one WriteBatch per B events,
//                               the store's RocksDB options and WAL mode (eventstore/tuning.h)
//   BM_EventStoreAppend/B       the same events through EventStore::append, B per call: record
//                               header, idempotency check, stream versions, index hand-off
//   BM_RawRocksDbScan           the baseline scan of the log column family of a filled store
//   BM_EventStoreReadAll        LogCursor over the same log: decode every record header
//
// Each write benchmark is one iteration writing kEvents into a fresh directory (repeated);
// compare items_per_second of the pairs. The figures and the exact command are in
// docs/eventstore.md:
//   build/bin/eventstore_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>

#include "testing/sample_events.h"
#include "eventstore/event_store.h"
#include "testing/store_access.h"
#include "testing/raw_baseline.h"

namespace callwatch::eventstore {
namespace {

constexpr std::size_t kEvents = 1 << 19;

std::size_t events_for(std::size_t batch) { return batch == 1 ? kEvents / 8 : kEvents; }

const std::vector<NewEvent>& records() {
  static const std::vector<NewEvent> r = testkit::sample_records(kEvents);
  return r;
}

std::string fresh_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "cw-bench-XXXXXX").string();
  return mkdtemp(tmpl.data());
}

void BM_RawRocksDbWriteBatch(benchmark::State& state) {
  const auto batch = static_cast<std::size_t>(state.range(0));
  const std::size_t n = events_for(batch);
  const auto& events = records();
  std::string dir = fresh_dir();
  auto raw = testkit::RawLog::open(dir + "/raw", Durability::Wal);
  if (!raw) return state.SkipWithError(raw.error().message.c_str());
  for (auto _ : state)
    for (std::size_t i = 0; i < n; i += batch)
      if (!(*raw)->write(std::span<const NewEvent>(events).subspan(i, batch), i + 1))
        return state.SkipWithError("raw write failed");
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  raw->reset();
  std::filesystem::remove_all(dir);
}

void BM_EventStoreAppend(benchmark::State& state) {
  const auto batch = static_cast<std::size_t>(state.range(0));
  const std::size_t n = events_for(batch);
  const auto& events = records();
  std::vector<std::vector<StreamAppend>> parts;
  for (std::size_t i = 0; i < n; i += batch)
    parts.push_back(parts_in_order(std::span<const NewEvent>(events).subspan(i, batch)));
  std::string dir = fresh_dir();
  Options o;
  o.durability = Durability::Wal;
  auto store = EventStore::open(dir + "/store", o);
  if (!store) return state.SkipWithError(store.error().message.c_str());
  for (auto _ : state)
    for (const auto& p : parts)
      if (auto r = (*store)->append(p); !r) return state.SkipWithError(r.error().message.c_str());
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  // Not timed: how long the derived stream index needs to catch up after the burst.
  auto t0 = std::chrono::steady_clock::now();
  (void)testkit::wait_indexed(**store, std::chrono::minutes(5));
  state.counters["index_catchup_ms"] =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  store->reset();
  std::filesystem::remove_all(dir);
}

// One filled store shared by the read benchmarks.
struct ReadFixture {
  std::string dir = fresh_dir();
  std::unique_ptr<EventStore> store;
  std::unique_ptr<testkit::RawScanner> raw;
  ReadFixture() {
    Options o;
    o.durability = Durability::Wal;
    store = std::move(*EventStore::open(dir + "/store", o));
    const auto& events = records();
    for (std::size_t i = 0; i < events.size(); i += 256)
      (void)store->append(parts_in_order(std::span<const NewEvent>(events).subspan(i, 256)));
    (void)testkit::wait_indexed(*store, std::chrono::minutes(5));
    raw = std::move(*testkit::RawScanner::open(dir + "/store"));
  }
  ~ReadFixture() {
    raw.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};
ReadFixture& read_fixture() {
  static ReadFixture f;
  return f;
}

void BM_RawRocksDbScan(benchmark::State& state) {
  auto& f = read_fixture();
  std::uint64_t n = 0;
  for (auto _ : state) {
    auto r = f.raw->scan();
    if (!r) return state.SkipWithError(r.error().message.c_str());
    n += r->events;
    benchmark::DoNotOptimize(r->bytes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

void BM_EventStoreReadAll(benchmark::State& state) {
  auto& f = read_fixture();
  std::uint64_t n = 0;
  for (auto _ : state) {
    auto c = f.store->read_all(1);
    if (!c) return state.SkipWithError(c.error().message.c_str());
    std::uint64_t bytes = 0;
    for (; c->valid(); c->next()) {
      const RecordedEventView& e = c->event();
      bytes += e.data.size() + e.stream.size() + e.event_id.size() + e.type.size();
      ++n;
    }
    if (!c->status()) return state.SkipWithError(c->status().error().message.c_str());
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
}

BENCHMARK(BM_RawRocksDbWriteBatch)->Arg(1)->Arg(16)->Arg(256)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EventStoreAppend)->Arg(1)->Arg(16)->Arg(256)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawRocksDbScan)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EventStoreReadAll)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace callwatch::eventstore

BENCHMARK_MAIN();
