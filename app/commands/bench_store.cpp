// `callwatch bench-store --events N --data DIR [--json]`: the event store against raw RocksDB,
// whole-process, in one run.
//
// Realistic events (the engine's workload, Cap'n Proto encoded exactly as the engine writes
// them) are appended through EventStore::append in batches, and the same bytes are written
// straight into RocksDB (position -> bytes, one WriteBatch per batch, the store's options):
// appendRatio = append / raw. Then the store's log is read back through its cursor and with
// a plain RocksDB scan: readRatio = read / raw scan. Each side runs --rounds times,
// alternating, in fresh directories under DIR (removed afterwards); the best round of each
// counts (the machine is shared: the best round is the one least disturbed).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "app/subcommand.h"
#include "codec/json.h"
#include "testing/sample_events.h"
#include "eventstore/event_store.h"
#include "testing/store_access.h"
#include "testing/raw_baseline.h"

namespace callwatch::app {
namespace {

namespace es = eventstore;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

class BenchStore final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--events", events_, "Events to write (default 1000000)")->check(CLI::Range(1000, 100000000));
    app.add_option("--data", data_dir_, "Directory for the benchmark's stores (subdirectories, removed afterwards)")->required();
    app.add_option("--batch", batch_, "Events per append / WriteBatch (default 256)")->check(CLI::Range(1, 65536));
    add_durability_option(app, "sync or wal (default wal)");
    app.add_option("--rounds", rounds_, "Rounds per side, best counts (default 3)")->check(CLI::Range(1, 20));
    app.add_flag("--json", json_, "Print one JSON object");
  }

  int run() override {
    std::optional<es::Durability> durability;
    if (!Subcommand::durability(durability)) return kExitUsage;
    if (!durability) durability = es::Durability::Wal;
    std::error_code ec;
    fs::create_directories(data_dir_, ec);
    if (!json_) std::fprintf(stderr, "generating %zu events...\n", events_);
    const auto events = testkit::sample_records(events_);
    std::uint64_t bytes = 0;
    for (const auto& e : events) bytes += e.data.size();
    std::vector<std::vector<es::StreamAppend>> parts;
    for (std::size_t i = 0; i < events.size(); i += batch_)
      parts.push_back(es::parts_in_order(std::span<const es::NewEvent>(events).subspan(i, std::min(batch_, events.size() - i))));

    double best_raw = 0, best_append = 0, best_scan = 0, best_read = 0, catchup_ms = 0;
    for (int round = 0; round < rounds_; ++round) {
      const std::string raw_dir = fmt::format("{}/bench-raw-{}", data_dir_, round);
      const std::string store_dir = fmt::format("{}/bench-store-{}", data_dir_, round);
      if (fs::exists(raw_dir, ec) || fs::exists(store_dir, ec)) {
        return fail(fmt::format("{} or {} already exists", raw_dir, store_dir));
      }
      // Raw RocksDB: the same bytes, one key each.
      double raw_rate = 0;
      {
        auto raw = testkit::RawLog::open(raw_dir, *durability);
        if (!raw) return fail(raw.error().message);
        auto t0 = Clock::now();
        for (std::size_t i = 0; i < events.size(); i += batch_)
          if (auto s = (*raw)->write(std::span<const es::NewEvent>(events).subspan(i, std::min(batch_, events.size() - i)), i + 1); !s)
            return fail(s.error().message);
        raw_rate = static_cast<double>(events.size()) / seconds_since(t0);
      }
      fs::remove_all(raw_dir, ec);
      // The store.
      double append_rate = 0, read_rate = 0, scan_rate = 0;
      {
        es::Options o;
        o.durability = *durability;
        auto store = es::EventStore::open(store_dir, o);
        if (!store) return fail(store.error().message);
        auto t0 = Clock::now();
        for (const auto& p : parts)
          if (auto r = (*store)->append(p); !r) return fail(r.error().message);
        append_rate = static_cast<double>(events.size()) / seconds_since(t0);
        auto t1 = Clock::now();
        if (!testkit::wait_indexed(**store, std::chrono::minutes(10)))
          return fail("the index did not catch up within 10 minutes");
        catchup_ms = std::max(catchup_ms, seconds_since(t1) * 1000);

        auto scanner = testkit::RawScanner::open(store_dir);
        if (!scanner) return fail(scanner.error().message);
        auto t2 = Clock::now();
        auto scanned = (*scanner)->scan();
        if (!scanned) return fail(scanned.error().message);
        scan_rate = static_cast<double>(scanned->events) / seconds_since(t2);

        auto t3 = Clock::now();
        auto cursor = (*store)->read_all(1);
        if (!cursor) return fail(cursor.error().message);
        std::uint64_t n = 0, touched = 0;
        for (; cursor->valid(); cursor->next()) {
          touched += cursor->event().data.size() + cursor->event().stream.size();
          ++n;
        }
        if (!cursor->status()) return fail(cursor->status().error().message);
        read_rate = static_cast<double>(n) / seconds_since(t3);
        if (n != events.size() || touched == 0) return fail("read back fewer events than written");
      }
      fs::remove_all(store_dir, ec);
      if (!json_)
        std::fprintf(stderr, "round %d: raw %.0f/s, append %.0f/s, raw scan %.0f/s, read %.0f/s\n",
                     round + 1, raw_rate, append_rate, scan_rate, read_rate);
      best_raw = std::max(best_raw, raw_rate);
      best_append = std::max(best_append, append_rate);
      best_scan = std::max(best_scan, scan_rate);
      best_read = std::max(best_read, read_rate);
    }

    nlohmann::json j;
    j["events"] = events.size();
    j["batch"] = batch_;
    j["durability"] = std::string(es::to_string(*durability));
    j["rounds"] = rounds_;
    j["avgEventBytes"] = static_cast<double>(bytes) / static_cast<double>(events.size());
    j["appendEventsPerSecond"] = std::round(best_append);
    j["rawRocksDbEventsPerSecond"] = std::round(best_raw);
    j["appendRatio"] = std::round(best_append / best_raw * 1000) / 1000;
    j["readEventsPerSecond"] = std::round(best_read);
    j["rawScanEventsPerSecond"] = std::round(best_scan);
    j["readRatio"] = std::round(best_read / best_scan * 1000) / 1000;
    j["indexCatchupMs"] = std::round(catchup_ms);
    if (json_) {
      std::puts(codec::json_text(j).c_str());
    } else {
      for (const auto& [k, v] : j.items()) std::printf("%-26s %s\n", k.c_str(), codec::json_text(v).c_str());
    }
    return 0;
  }

 private:
  std::size_t events_ = 1'000'000;
  std::string data_dir_;
  std::size_t batch_ = 256;
  int rounds_ = 3;
  bool json_ = false;
};

CALLWATCH_SUBCOMMAND(BenchStore, "bench-store", "Measure the event store against raw RocksDB (append and read)");

}  // namespace
}  // namespace callwatch::app
