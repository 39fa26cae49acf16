// CallwatchServer: everything `callwatch serve` runs, wired in the right order: the engine
// (the store's one writer), the read models following it (live_model.h), the command writer
// (command_writer.h), the API routes (api.h) and the HTTP listener (http_server.h).
//
// stop() drains: it stops accepting and lets requests in flight be answered (commands
// already queued are executed and acknowledged), then stops the command writer, the
// follower (which commits the projections) and closes the store.
#pragma once

#include <chrono>
#include <expected>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eventstore/options.h"
#include "server/http_server.h"

namespace callwatch::server {

struct ServerOptions {
  std::optional<std::string> data_dir;  // nullopt: an in-memory store (tests)
  std::optional<eventstore::Durability> durability;
  HttpOptions http;
  std::chrono::milliseconds max_wait{5000};  // ?minPosition=
  std::chrono::milliseconds drain_grace{10'000};
};

class CallwatchServer {
 public:
  [[nodiscard]] static std::expected<std::unique_ptr<CallwatchServer>, std::string> start(ServerOptions options);
  ~CallwatchServer();
  CallwatchServer(const CallwatchServer&) = delete;
  CallwatchServer& operator=(const CallwatchServer&) = delete;

  [[nodiscard]] std::string url() const;
  [[nodiscard]] std::uint16_t port() const;
  // Every (method, path pattern) served (the OpenAPI test checks each is documented).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const;
  // Idempotent.
  void stop();

  struct Parts;

 private:
  CallwatchServer() = default;
  std::unique_ptr<Parts> parts_;
};

}  // namespace callwatch::server
