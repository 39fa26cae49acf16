// Ingest speed against two baselines measured in the same run:
//   kcat consuming the same topic to /dev/null (the Kafka client's own rate), and
//   the event store appending the same events directly (the store's own rate).
// Records are small callwatch envelopes (one QueueCreated fact each, ~100 bytes) spread over
// the partitions of a topic on the in-process mock broker (within its 5 MiB per partition).
//   connectors_bench [records=1000000] [partitions=32]
#include <fmt/format.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "codec/event_codec.h"
#include "connectors/mock_broker.h"
#include "connectors/producer.h"
#include "engine/records.h"
#include "eventstore/event_store.h"

using namespace callwatch;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_of(const std::string& cmd) {
  const auto t0 = Clock::now();
  const int status = std::system(cmd.c_str());
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "failed: %s\n", cmd.c_str());
    std::exit(1);
  }
  return s;
}

Event queue_created(std::size_t n) {
  return Event{Timestamp{std::chrono::seconds{1'800'000'000 + static_cast<long>(n)}},
               ev::QueueCreated{UserId{"admin"}, QueueId{fmt::format("q{}", n)}, Channel::Voice}};
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t records = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  const int partitions = argc > 2 ? std::stoi(argv[2]) : 32;
  const std::string dir = (std::filesystem::temp_directory_path() / fmt::format("cw-connectors-bench-{}", ::getpid())).string();
  std::filesystem::create_directories(dir);

  auto broker = connectors::MockBroker::start({1, partitions, {"bench"}});
  if (!broker) return std::fprintf(stderr, "%s\n", broker.error().message.c_str()), 1;
  const std::string b = (*broker)->bootstraps();
  // The partition stores are made first (an ingest of the empty topic): creating a store
  // costs ~0.1-0.3 s of disk waits once per partition, which a long-running ingest pays once.
  const double idle = 0.2;
  const std::string ingest_cmd = fmt::format(
      "echo fetch.wait.max.ms=10 > {0}/k.conf && {1} ingest --format callwatch --durability wal --data {0}/ingest "
      "--brokers {2} --topic bench --exit-when-idle {3} --kafka-config {0}/k.conf 2>/dev/null",
      dir, CALLWATCH_BIN, b, idle);
  const double create = seconds_of(ingest_cmd) - idle;
  {
    auto producer = connectors::Producer::open(b, {});
    if (!producer) return std::fprintf(stderr, "%s\n", producer.error().message.c_str()), 1;
    std::string value;
    for (std::size_t n = 0; n < records; ++n) {
      const std::string id = fmt::format("b{}#0", n);
      codec::encode_event_into(id, fmt::format("queue-q{}", n), queue_created(n), value);
      if (auto s = (*producer)->send("bench", static_cast<std::int32_t>(n % partitions), {}, value, {}); !s)
        return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
    }
    if (auto s = (*producer)->flush(); !s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
  }
  std::printf("%zu records over %d partitions of the mock broker\n", records, partitions);

  // kcat: every partition to its end, to /dev/null.
  const double kcat = seconds_of(fmt::format("{} -C -b {} -t bench -o beginning -e -q -X fetch.wait.max.ms=10 > /dev/null",
                                             KCAT_BIN, b));
  // ingest: the same records into the partition stores (opening them included). The final
  // --exit-when-idle wait is taken off.
  const double ingest = seconds_of(ingest_cmd) - idle;

  // The store's own rate: the same events, appended in batches of the size ingest writes
  // (a partition's share of a 4096-record consume batch) into as many stores.
  double store_s = 0;
  {
    std::vector<std::unique_ptr<eventstore::EventStore>> stores;
    eventstore::Options o;
    o.durability = eventstore::Durability::Wal;
    for (int p = 0; p < partitions; ++p) {
      auto s = eventstore::EventStore::open(fmt::format("{}/store.{}", dir, p), o);
      if (!s) return std::fprintf(stderr, "%s\n", s.error().message.c_str()), 1;
      stores.push_back(std::move(*s));
    }
    const std::size_t batch = std::max<std::size_t>(1, 4096 / partitions);
    std::vector<std::vector<eventstore::NewEvent>> pending(partitions);
    const auto t0 = Clock::now();
    for (std::size_t n = 0; n < records; ++n) {
      auto& v = pending[n % partitions];
      v.push_back(engine::to_new_event(fmt::format("b{}#0", n), queue_created(n)));
      if (v.size() == batch || n + partitions >= records) {
        auto r = stores[n % partitions]->append(eventstore::parts_in_order(v));
        if (!r) return std::fprintf(stderr, "%s\n", r.error().message.c_str()), 1;
        v.clear();
      }
    }
    store_s = std::chrono::duration<double>(Clock::now() - t0).count();
  }
  std::filesystem::remove_all(dir);

  const double n = static_cast<double>(records);
  std::printf("creating the %d partition stores (empty topic): %.2f s\n", partitions, create);
  std::printf("kcat consume   %8.0f records/s (%.2f s)\n", n / kcat, kcat);
  std::printf("ingest         %8.0f records/s (%.2f s)\n", n / ingest, ingest);
  std::printf("store append   %8.0f events/s  (%.2f s, encode included)\n", n / store_s, store_s);
  std::printf("ingest / kcat  %.2f (target 0.5)\ningest / store %.2f (target 0.7)\n", kcat / ingest, store_s / ingest);
  return 0;
}
