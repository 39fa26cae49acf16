// Turns the model's actions into domain commands and submits them to a sink (internal).
//
// Each command gets the next command id ("sim-1", "sim-2", ...) and its simulated time. The
// model predicts every answer (accepted, or refused with a given code); a different answer
// from the sink is a divergence between model and domain, counted and shown in the report.
// Commands expected to be accepted are batched; one expected to be refused is submitted on
// its own, so an all-or-nothing batch write never fails because of a planned refusal.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "simulator/command_sink.h"
#include "simulator/event_digest.h"
#include "simulator/model.h"

namespace callwatch::sim {

struct EmitterStats {
  std::uint64_t commands = 0;
  std::uint64_t accepted = 0;
  std::uint64_t events = 0;  // accepted events, appended to the log
  std::array<std::uint64_t, kRejectionCodes> rejections{};
  std::uint64_t divergences = 0;
  std::vector<std::string> divergence_examples;  // the first few, with the reason
  LogDigest digest;
};

class Emitter final : public ActionListener {
 public:
  Emitter(const Scenario& s, CommandSink& sink, std::size_t batch);
  // The model whose names (users, statuses) actions refer to; before the model starts.
  void attach(const Model& model) { model_ = &model; }

  void on(const Action& action) override;
  // Submits what is batched. Call before reading stats() and before pausing.
  void flush();
  [[nodiscard]] const EmitterStats& stats() const { return stats_; }

 private:
  [[nodiscard]] Command build(const Action& a);
  [[nodiscard]] ContactId contact_id(const Action& a) const;
  void record(const Command& c, std::optional<RejectionCode> expected, const Decision& d);

  const Scenario& s_;
  CommandSink& sink_;
  std::size_t batch_;
  const Model* model_ = nullptr;
  std::uint64_t next_id_ = 1;
  std::vector<Command> pending_;
  std::vector<std::optional<RejectionCode>> expected_;
  std::vector<Decision> results_;
  EmitterStats stats_;
};

}  // namespace callwatch::sim
