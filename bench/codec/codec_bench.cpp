// Event record and JSON codec throughput. The baseline is copying the same Envelope (the
// allocations and bytes any representation must touch); compare the others to it:
//   ./codec_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "codec/event_codec.h"
#include "codec/json.h"

namespace callwatch::codec {
namespace {

// A realistic mix: mostly contact traffic, some supervision, a chat message.
std::vector<Envelope> mix() {
  const Timestamp t{Duration{1'795'424'400'000}};
  std::vector<EventBody> bodies{
      ev::ContactInitiated{ContactId("c-100231"), Channel::Voice, FlowId("inbound-main"),
                           "+44 20 7946 0101"},
      ev::ContactQueued{ContactId("c-100231"), QueueId("Sales")},
      ev::AgentConnected{ContactId("c-100231"), UserId("ana.agent")},
      ev::MonitoringStarted{ContactId("c-100231"), UserId("tom.lead"), MonitorMode::Silent},
      ev::MessageSent{ContactId("chat-2001"), Party::customer(),
                      "Hi, my parcel never arrived and the tracking page says delivered.",
                      Visibility::Public},
      ev::MonitorModeChanged{ContactId("c-100231"), UserId("tom.lead"), MonitorMode::Barge},
      ev::ContactEnded{ContactId("c-100231"), Party::of(UserId("ana.agent"))},
      ev::MonitoringStopped{ContactId("c-100231"), UserId("tom.lead"), StopReason::ContactEnded},
  };
  std::vector<Envelope> out;
  int n = 0;
  for (auto& b : bodies) {
    std::string stream = stream_of(b);
    out.push_back(Envelope{"cmd-88123/" + std::to_string(n++), std::move(stream),
                           Event{t, std::move(b)}});
  }
  return out;
}

void BM_CopyEnvelope_Baseline(benchmark::State& state) {
  const auto envs = mix();
  std::size_t i = 0;
  for (auto _ : state) {
    Envelope copy = envs[i++ % envs.size()];
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CopyEnvelope_Baseline);

void BM_EncodeInto(benchmark::State& state) {
  const auto envs = mix();
  std::string out;
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    encode_event_into(envs[i++ % envs.size()], out);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_EncodeInto);

void BM_Encode(benchmark::State& state) {
  const auto envs = mix();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(encode_event(envs[i++ % envs.size()]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Encode);

std::vector<std::string> records() {
  std::vector<std::string> out;
  for (const auto& e : mix()) out.push_back(encode_event(e));
  return out;
}

// Calls `f` on the items in turn, one per iteration.
template <class Items, class F>
void cycle(benchmark::State& state, const Items& items, F f) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = f(items[i++ % items.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Decode(benchmark::State& state) {
  cycle(state, records(), [](const std::string& r) { return decode_event(r); });
}
BENCHMARK(BM_Decode);

void BM_DecodeUnaligned(benchmark::State& state) {
  std::vector<std::string> shifted;
  for (const auto& r : records()) shifted.push_back("x" + r);
  cycle(state, shifted,
        [](const std::string& r) { return decode_event(std::string_view(r).substr(1)); });
}
BENCHMARK(BM_DecodeUnaligned);

void BM_DecodeHeader(benchmark::State& state) {
  cycle(state, records(), [](const std::string& r) { return decode_header(r); });
}
BENCHMARK(BM_DecodeHeader);

void BM_ParseCommandJson(benchmark::State& state) {
  const std::string line =
      R"({"type":"MonitorContact","contact":"c-1002","by":"tom.lead","mode":"BARGE",)"
      R"("at":"2026-11-23T08:02:00.000Z","commandId":"morning-042"})";
  for (auto _ : state) {
    auto c = parse_command(line);
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCommandJson);

void BM_EventToJsonText(benchmark::State& state) {
  const auto envs = mix();
  std::size_t i = 0;
  for (auto _ : state) {
    auto s = to_json(envs[i++ % envs.size()].event).dump();
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EventToJsonText);

}  // namespace
}  // namespace callwatch::codec

BENCHMARK_MAIN();
