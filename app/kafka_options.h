// What every Kafka subcommand shares: `--kafka-config FILE` (librdkafka properties, see
// connectors/kafka_config.h) and stopping cleanly on SIGINT/SIGTERM.
#pragma once

#include <signal.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstdio>
#include <string>

#include "connectors/kafka_config.h"

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

}  // namespace callwatch::app
