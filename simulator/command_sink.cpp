#include "simulator/command_sink.h"

#include <variant>

#include "domain/evolve.h"

namespace callwatch::sim {

void CommandSink::submit_all(std::span<const Command> commands, std::vector<Decision>& results) {
  results.clear();
  results.reserve(commands.size());
  for (const Command& c : commands) results.push_back(submit(c));
}

InMemorySink::InMemorySink(Timestamp genesis_at, Options options) : options_(options) {
  for (const Event& e : instance_genesis(genesis_at)) evolve(state_, e);
}

Decision InMemorySink::submit(const Command& command) {
  Decision d = decide(state_, command);
  if (!d) return d;
  for (const Event& e : *d) {
    evolve(state_, e);
    if (!options_.forget_finished_contacts) continue;
    if (const auto* w = std::get_if<ev::WrapUpCompleted>(&e.body)) {
      state_.contacts.erase(w->contact);
    } else if (const auto* a = std::get_if<ev::ContactAbandoned>(&e.body)) {
      state_.contacts.erase(a->contact);
    }
  }
  return d;
}

}  // namespace callwatch::sim
