// Where simulated commands go: something that decides them and keeps what was accepted.
//
// The simulator submits every command it issues (set-up, routing, contact handling,
// supervision) in simulated-time order, each with a command id and an `at` timestamp. The
// sink answers as the real system would: the events the command produced, or the rejection.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "domain/commands.h"
#include "domain/decide.h"
#include "domain/state.h"

namespace callwatch::sim {

class CommandSink {
 public:
  virtual ~CommandSink() = default;

  // Decides `command` against everything accepted before it; accepted events are kept.
  [[nodiscard]] virtual Decision submit(const Command& command) = 0;

  // Submits `commands` in order, each decided after the previous ones were applied;
  // `results` is overwritten with one Decision per command. Sinks that write a batch more
  // cheaply than one command at a time (the engine) override this; the default loops.
  virtual void submit_all(std::span<const Command> commands, std::vector<Decision>& results);

  // For reports: "in-memory", "engine".
  [[nodiscard]] virtual std::string_view name() const = 0;

  // Set when the sink can no longer take commands (the store failed): simulate() stops and
  // reports it. Rejections are answers, not failures.
  [[nodiscard]] virtual std::optional<std::string> failure() const { return std::nullopt; }
};

// The `--no-store` sink: a State in memory, folded with decide() and evolve(). Nothing is
// written anywhere; the state starts as a new instance (instance_genesis).
class InMemorySink final : public CommandSink {
 public:
  struct Options {
    // Drop contacts from the state once they are completed or abandoned. decide() never
    // reads a finished contact again unless its id is reused, which the simulator never
    // does; this keeps memory flat over millions of contacts.
    bool forget_finished_contacts = true;
  };
  InMemorySink(Timestamp genesis_at, Options options);
  explicit InMemorySink(Timestamp genesis_at) : InMemorySink(genesis_at, Options{}) {}

  [[nodiscard]] Decision submit(const Command& command) override;
  void submit_all(std::span<const Command> commands, std::vector<Decision>& results) override;
  [[nodiscard]] std::string_view name() const override { return "in-memory"; }

  [[nodiscard]] const State& state() const { return state_; }

 private:
  void apply(const std::vector<Event>& events);

  State state_;
  Options options_;
};

}  // namespace callwatch::sim
