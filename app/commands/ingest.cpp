// `callwatch ingest`: a Kafka topic into one store per partition, exactly once
// (connectors/ingest.h). A summary line on stderr at the end.
#include <cstdio>

#include "app/kafka_options.h"
#include "app/subcommand.h"
#include "connectors/ingest.h"

namespace callwatch::app {
namespace {

class Ingest final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", o_.data_dir, "Directory of the partition stores (DIR/TOPIC.PARTITION)")->required();
    topic_.add_to(app, o_, "Topic to consume",
                  "Record values: json (commands, decided), callwatch (event envelopes, facts), or Amazon Connect's connect-agent, connect-contact, connect-ctr (translated into facts, docs/connect-mapping.md)");
    app.add_option("--group", group_, "Consumer group: the processes of one group split the partitions");
    app.add_option("--dead-letter", dead_letter_, "Send bad records to this topic too (they are always quarantined)");
    app.add_option("--exit-when-idle", idle_s_, "Exit once every partition is read to its end and idle this many seconds");
    add_durability_option(app, "sync or wal (default: the store's mode, sync for a new store)");
    app.add_option("--batch", o_.batch_records, "Records consumed per batch (default 4096)");
    app.add_flag("--verbose", o_.verbose, "Report partition assignments on stderr");
  }

  int run() override {
    if (!topic_.load("ingest", o_)) return kExitUsage;
    if (!group_.empty()) o_.group = group_;
    if (!dead_letter_.empty()) o_.dead_letter = dead_letter_;
    if (idle_s_ >= 0) o_.exit_when_idle_ms = static_cast<std::int64_t>(idle_s_ * 1000);
    if (!durability(o_.durability)) return kExitUsage;
    o_.stop = stop_on_signals();
    auto r = connectors::run_ingest(o_);
    if (!r) {
      std::fprintf(stderr, "callwatch ingest: %s\n", r.error().message.c_str());
      return 1;
    }
    std::fprintf(stderr,
                 "callwatch ingest: %llu records, %llu events written, %llu duplicates, %llu quarantined, "
                 "%llu dead-lettered, %llu findings\n",
                 static_cast<unsigned long long>(r->records), static_cast<unsigned long long>(r->events),
                 static_cast<unsigned long long>(r->duplicates), static_cast<unsigned long long>(r->quarantined),
                 static_cast<unsigned long long>(r->dead_lettered), static_cast<unsigned long long>(r->findings));
    return 0;
  }

 private:
  connectors::IngestOptions o_;
  TopicOptions topic_;
  std::string group_, dead_letter_;
  double idle_s_ = -1;
};

CALLWATCH_SUBCOMMAND(Ingest, "ingest", "Consume a Kafka topic into one store per partition, exactly once");

}  // namespace
}  // namespace callwatch::app
