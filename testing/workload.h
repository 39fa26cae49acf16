// Workload: a deterministic, endless contact-center day as commands, for benchmarks, the
// crash test and stress runs. The same seed gives the same commands (ids and times included).
//
// Agents take calls and chats, a third of them get a supervisor listening in (some barge),
// calls are held and resumed, chats exchange messages, every contact ends and is wrapped up.
// Almost every command is accepted; the generator tracks just enough to stay plausible.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>
#include <vector>

#include "domain/commands.h"
#include "testing/clock.h"

namespace callwatch::testkit {

class Workload {
 public:
  struct Config {
    std::uint64_t seed = 1;
    int agents = 100;
    int supervisors = 10;
    Timestamp start = kEpoch;
    std::string id_prefix = "w";  // command ids: <prefix><n>
  };
  explicit Workload(Config config);

  // Queues, the flow, the users, their CCPs and statuses: run these first, once.
  [[nodiscard]] std::vector<Command> setup();
  [[nodiscard]] Command next();

 private:
  struct Active {
    ContactId contact;
    Channel channel;
    int agent;
    int supervisor = -1;
    int step = 0;
    int messages = 0;
  };
  [[nodiscard]] Command make(CommandBody body);
  [[nodiscard]] std::uint64_t roll(std::uint64_t n) { return rng_() % n; }
  [[nodiscard]] UserId agent(int i) const;
  [[nodiscard]] UserId supervisor(int i) const;

  Config config_;
  std::mt19937_64 rng_;
  Timestamp clock_;
  std::uint64_t sequence_ = 0;
  std::uint64_t contacts_ = 0;
  std::vector<Active> active_;
  std::deque<int> free_agents_;
  std::deque<int> free_supervisors_;
};

}  // namespace callwatch::testkit
