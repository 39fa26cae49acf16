// The `--data DIR` sink: commands go through the engine (decide, append to the RocksDB event
// store, notify subscribers), in batches, so the store's group commit does the writing.
//
// Built only when the engine module is (CALLWATCH_SIMULATOR_HAS_ENGINE). A store failure
// (disk full, a store another process holds) is not a rejection: the sink remembers it,
// answers every later command with it, and simulate() stops with the store's message.
#pragma once

#include <expected>
#include <memory>
#include <optional>
#include <string>

#include "engine/engine.h"
#include "simulator/command_sink.h"

namespace callwatch::sim {

class EngineSink final : public CommandSink {
 public:
  // Opens (or creates) the store in `dir` with `store` options (durability: the store's
  // recorded mode unless set). A new store's genesis is stamped `genesis_at` (the
  // scenario's start), so the whole log is a function of scenario and seed.
  [[nodiscard]] static std::expected<std::unique_ptr<EngineSink>, std::string> open(
      const std::string& dir, Timestamp genesis_at, const eventstore::Options& store = {});
  // Wraps an engine opened elsewhere (in memory for tests, or shared with a server).
  explicit EngineSink(std::unique_ptr<engine::Engine> engine);

  [[nodiscard]] Decision submit(const Command& command) override;
  void submit_all(std::span<const Command> commands, std::vector<Decision>& results) override;
  [[nodiscard]] std::string_view name() const override { return "engine"; }
  [[nodiscard]] std::optional<std::string> failure() const override { return failure_; }

  [[nodiscard]] engine::Engine& engine() { return *engine_; }

 private:
  [[nodiscard]] Decision failed() const;
  std::unique_ptr<engine::Engine> engine_;
  std::optional<std::string> failure_;
};

}  // namespace callwatch::sim
