#include "simulator/engine_sink.h"

#include <fmt/format.h>

namespace callwatch::sim {

std::expected<std::unique_ptr<EngineSink>, std::string> EngineSink::open(
    const std::string& dir, Timestamp genesis_at, const eventstore::Options& store) {
  engine::EngineOptions options;
  options.data_dir = dir;
  options.store = store;
  options.clock = [genesis_at] { return genesis_at; };  // only stamps the genesis: commands carry `at`
  auto e = engine::Engine::open(std::move(options));
  if (!e)
    return std::unexpected(fmt::format("{}: {}", eventstore::to_string(e.error().code), e.error().message));
  return std::make_unique<EngineSink>(std::move(*e));
}

EngineSink::EngineSink(std::unique_ptr<engine::Engine> engine) : engine_(std::move(engine)) {}

Decision EngineSink::failed() const {
  return std::unexpected(Rejection{RejectionCode::InvalidCommand, "the store failed: " + *failure_});
}

Decision EngineSink::submit(const Command& command) {
  if (failure_) return failed();
  auto r = engine_->execute(command);
  if (!r) {
    failure_ = fmt::format("{}: {}", eventstore::to_string(r.error().code), r.error().message);
    return failed();
  }
  return std::move(*r);
}

void EngineSink::submit_all(std::span<const Command> commands, std::vector<Decision>& results) {
  if (!failure_) {
    auto r = engine_->execute_batch_into(commands, results);  // reuses results' event buffers
    if (r) return;
    failure_ = fmt::format("{}: {}", eventstore::to_string(r.error().code), r.error().message);
  }
  results.assign(commands.size(), failed());
}

}  // namespace callwatch::sim
