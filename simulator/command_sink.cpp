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

void InMemorySink::apply(const std::vector<Event>& events) {
  for (const Event& e : events) {
    evolve(state_, e);
    if (!options_.forget_finished_contacts) continue;
    if (const auto* w = std::get_if<ev::WrapUpCompleted>(&e.body)) {
      state_.contacts.erase(w->contact);
    } else if (const auto* a = std::get_if<ev::ContactAbandoned>(&e.body)) {
      state_.contacts.erase(a->contact);
    }
  }
}

Decision InMemorySink::submit(const Command& command) {
  Decision d = decide(state_, command);
  if (d) apply(*d);
  return d;
}

void InMemorySink::submit_all(std::span<const Command> commands, std::vector<Decision>& results) {
  // Each result's event buffer from the previous call is reused: no allocation per command.
  results.resize(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    Decision& d = results[i];
    if (!d) d.emplace();
    if (auto outcome = decide_into(state_, commands[i], *d); !outcome) {
      d = std::unexpected(std::move(outcome.error()));
      continue;
    }
    apply(*d);
  }
}

}  // namespace callwatch::sim
