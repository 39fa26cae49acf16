// decide() and evolve() throughput on a realistic event stream.
//
// Baseline (same run): BM_BaselineOneLookupPerEvent does the least work any fold must do,
// one hash lookup of the event's contact per event. evolve's cost is reported against it.
//   build/bin/domain_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "domain/decide.h"
#include "domain/evolve.h"
#include "testing/clock.h"

namespace callwatch {
namespace {

Timestamp t0() { return testkit::kEpoch; }

struct Workload {
  std::vector<Event> events;     // genesis + set-up + contacts, all accepted
  std::vector<Command> commands;  // the commands that produced the contact events
};

// 100 agents, 10 supervisors, `contacts` calls and chats: start, connect, a third monitored
// (some barged), end, wrap-up.
Workload make_workload(int contacts) {
  Workload w;
  State s;
  auto run = [&](CommandBody body, bool keep) {
    Command c{std::move(body), s.clock + std::chrono::seconds{1}, {}};
    auto d = decide(s, c);
    if (!d) return;
    for (auto& e : *d) {
      evolve(s, e);
      w.events.push_back(e);
    }
    if (keep) w.commands.push_back(std::move(c));
  };
  for (auto& e : instance_genesis(t0())) {
    evolve(s, e);
    w.events.push_back(e);
  }
  const UserId admin{"admin"};
  run(cmd::CreateQueue{admin, QueueId{"voice"}, Channel::Voice}, false);
  run(cmd::CreateQueue{admin, QueueId{"chat"}, Channel::Chat}, false);
  run(cmd::PublishContactFlow{admin, FlowId{"main"}, true}, false);
  std::vector<UserId> agents, sups;
  for (int i = 0; i < 100; ++i) agents.emplace_back("agent-" + std::to_string(i));
  for (int i = 0; i < 10; ++i) sups.emplace_back("sup-" + std::to_string(i));
  for (const auto& a : agents) run(cmd::CreateUser{admin, a, {ProfileId{"Agent"}}}, false);
  for (const auto& u : sups)
    run(cmd::CreateUser{admin, u, {ProfileId{"CallCenterManager"}, ProfileId{"Agent"}}}, false);
  for (const auto& u : agents) {
    run(cmd::OpenCcp{u}, false);
    run(cmd::SetAgentStatus{u, "Available"}, false);
  }
  for (const auto& u : sups) {
    run(cmd::OpenCcp{u}, false);
    run(cmd::SetAgentStatus{u, "Available"}, false);
  }
  for (int i = 0; i < contacts; ++i) {
    const ContactId c{"c-" + std::to_string(i)};
    const bool chat = i % 4 == 0;
    const UserId& agent = agents[i % agents.size()];
    const UserId& sup = sups[i % sups.size()];
    run(cmd::StartContact{c, chat ? Channel::Chat : Channel::Voice, QueueId{chat ? "chat" : "voice"},
                          FlowId{"main"}, "+1 555 0100"},
        true);
    run(cmd::ConnectAgent{c, agent}, true);
    if (i % 3 == 0) run(cmd::MonitorContact{c, sup, i % 9 == 0 ? MonitorMode::Barge : MonitorMode::Silent}, true);
    if (chat) run(cmd::SendMessage{c, Party::customer(), "hello", Visibility::Public}, true);
    run(cmd::EndContact{c, Party::of(agent)}, true);
    run(cmd::CompleteWrapUp{c, agent}, true);
  }
  return w;
}

const Workload& workload() {
  static const Workload w = make_workload(20'000);
  return w;
}

std::string_view contact_key(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::string_view {
        if constexpr (requires { e.contact; }) return e.contact.view();
        else return {};
      },
      body);
}

void BM_BaselineOneLookupPerEvent(benchmark::State& st) {
  const auto& events = workload().events;
  for (auto _ : st) {
    std::unordered_map<std::string_view, int> seen;
    for (const auto& e : events) ++seen[contact_key(e.body)];
    benchmark::DoNotOptimize(seen.size());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * events.size()));
}
BENCHMARK(BM_BaselineOneLookupPerEvent)->Unit(benchmark::kMillisecond);

void BM_Evolve(benchmark::State& st) {
  const auto& events = workload().events;
  for (auto _ : st) {
    State s;
    for (const auto& e : events) evolve(s, e);
    benchmark::DoNotOptimize(s.contacts.size());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * events.size()));
}
BENCHMARK(BM_Evolve)->Unit(benchmark::kMillisecond);

// decide + evolve for every contact command: the engine's write path without storage.
std::size_t setup_events(const Workload& w) {
  for (const auto& e : w.events)
    if (std::holds_alternative<ev::ContactInitiated>(e.body))
      return static_cast<std::size_t>(&e - w.events.data());
  return w.events.size();
}

void BM_DecideAndEvolve(benchmark::State& st) {
  const auto& w = workload();
  const std::size_t setup = setup_events(w);
  for (auto _ : st) {
    st.PauseTiming();
    State s;
    for (std::size_t i = 0; i < setup; ++i) evolve(s, w.events[i]);
    st.ResumeTiming();
    for (const auto& c : w.commands) {
      auto d = decide(s, c);
      if (d)
        for (const auto& e : *d) evolve(s, e);
    }
    benchmark::DoNotOptimize(s.contacts.size());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * w.commands.size()));
}
BENCHMARK(BM_DecideAndEvolve)->Unit(benchmark::kMillisecond);

// The same with decide_into() and one reused event buffer (the simulator's in-memory sink).
void BM_DecideIntoAndEvolve(benchmark::State& st) {
  const auto& w = workload();
  const std::size_t setup = setup_events(w);
  std::vector<Event> events;
  for (auto _ : st) {
    st.PauseTiming();
    State s;
    for (std::size_t i = 0; i < setup; ++i) evolve(s, w.events[i]);
    st.ResumeTiming();
    for (const auto& c : w.commands)
      if (decide_into(s, c, events))
        for (const auto& e : events) evolve(s, e);
    benchmark::DoNotOptimize(s.contacts.size());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * w.commands.size()));
}
BENCHMARK(BM_DecideIntoAndEvolve)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace callwatch

BENCHMARK_MAIN();
