// What every Kafka subcommand shares: `--kafka-config FILE` (librdkafka properties, see
// connectors/kafka_config.h), stopping cleanly on SIGINT/SIGTERM, and for the two clients of
// a topic (ingest, publish) `--brokers`, `--topic` and `--format`, declared once here.
#pragma once

#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <string>
#include <string_view>

#include "connectors/kafka_config.h"
#include "connectors/wire_format.h"

namespace callwatch::app {

inline std::atomic<bool> kafka_stop_requested{false};

// SIGINT and SIGTERM set the flag the connectors poll; a second signal kills as usual.
inline const std::atomic<bool>* stop_on_signals() {
  struct sigaction sa {};
  sa.sa_handler = [](int sig) {
    kafka_stop_requested.store(true);
    ::signal(sig, SIG_DFL);
  };
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  return &kafka_stop_requested;
}

struct KafkaConfigOption {
  std::string path;

  void add_to(CLI::App& app) {
    app.add_option("--kafka-config", path,
                   "librdkafka properties, one key=value a line (# comments), for every client this command makes");
  }
  // The settings, or nullopt after printing the error (exit 2).
  [[nodiscard]] bool load(const char* command, connectors::KafkaSettings& out) const {
    if (path.empty()) return true;
    auto s = connectors::load_kafka_config(path);
    if (!s) {
      std::fprintf(stderr, "callwatch %s: %s\n", command, s.error().message.c_str());
      return false;
    }
    out = std::move(*s);
    return true;
  }
};

// --brokers and --topic (required), --format (the record values) and --kafka-config of a
// command that reads or writes one topic. `ConnectorOptions` is the connector's options
// (connectors::IngestOptions, PublishOptions): brokers and topic are read straight into it,
// and its format is the default.
struct TopicOptions {
  std::string format;
  KafkaConfigOption config;

  template <class ConnectorOptions>
  void add_to(CLI::App& app, ConnectorOptions& o, std::string_view topic_help, std::string_view format_help) {
    format = std::string(connectors::to_string(o.format));
    app.add_option("--brokers", o.brokers, "Kafka bootstrap servers")->required();
    app.add_option("--topic", o.topic, std::string(topic_help))->required();
    app.add_option("--format", format, std::string(format_help));
    config.add_to(app);
  }
  // Loads --kafka-config and parses --format into `o`; false after printing why (exit 2).
  template <class ConnectorOptions>
  [[nodiscard]] bool load(const char* command, ConnectorOptions& o) const {
    if (!config.load(command, o.kafka)) return false;
    auto f = connectors::parse_wire_format(format);
    const bool ingest = std::string_view(command) == "ingest";  // only ingest reads Amazon Connect's formats
    if (!f || (!ingest && connectors::is_connect(*f))) {
      std::fprintf(stderr, "callwatch %s: --format must be %s, got '%s'\n", command,
                   ingest ? "json, callwatch, connect-agent, connect-contact or connect-ctr" : "json or callwatch",
                   format.c_str());
      return false;
    }
    o.format = *f;
    return true;
  }
};

}  // namespace callwatch::app
