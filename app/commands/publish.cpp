// `callwatch publish`: the store's log to a Kafka topic from its checkpoint, as an outbox
// (connectors/publish.h). A summary line on stderr at the end.
#include <cstdio>

#include "app/kafka_options.h"
#include "app/subcommand.h"
#include "connectors/publish.h"

namespace callwatch::app {
namespace {

class Publish final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", o_.data_dir, "The store to publish")->required();
    topic_.add_to(app, o_, "Topic to produce to", "Record values: callwatch (event envelopes, the default) or json");
    app.add_option("--partition", partition_, "Send every record to this partition (default: by stream key)");
    app.add_flag("--follow", o_.follow, "Keep publishing as the log grows, until SIGINT/SIGTERM");
  }

  int run() override {
    if (!topic_.load("publish", o_)) return kExitUsage;
    if (partition_ >= 0) o_.partition = partition_;
    o_.stop = stop_on_signals();
    auto r = connectors::run_publish(o_);
    if (!r) {
      std::fprintf(stderr, "callwatch publish: %s\n", r.error().message.c_str());
      return 1;
    }
    std::fprintf(stderr, "callwatch publish: %llu events delivered to '%s', checkpoint at position %llu\n",
                 static_cast<unsigned long long>(r->events), o_.topic.c_str(),
                 static_cast<unsigned long long>(r->to));
    return 0;
  }

 private:
  connectors::PublishOptions o_;
  TopicOptions topic_;
  int partition_ = -1;
};

CALLWATCH_SUBCOMMAND(Publish, "publish", "Publish the store's log to a Kafka topic (outbox, from its checkpoint)");

}  // namespace
}  // namespace callwatch::app
