// A small in-memory instance for domain tests: run commands through decide(), evolve the
// accepted events, and read the outcome.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/decide.h"
#include "domain/evolve.h"
#include "testing/clock.h"

namespace callwatch::testing {

inline Timestamp t0() { return testkit::kEpoch; }

class World {
 public:
  World() {
    for (const auto& e : instance_genesis(t0())) evolve(state_, e);
  }

  // Runs a command; accepted events are applied and returned.
  Decision run(CommandBody body) {
    clock_ += std::chrono::seconds{1};
    Decision d = decide(state_, Command{std::move(body), clock_, {}});
    if (d)
      for (const auto& e : *d) {
        evolve(state_, e);
        log_.push_back(e);
      }
    return d;
  }

  // Runs a command that must be accepted.
  std::vector<Event> ok(CommandBody body) {
    const std::string name{type_name(body)};
    Decision d = run(std::move(body));
    EXPECT_TRUE(d.has_value()) << name << " rejected: "
                               << (d ? "" : std::string(to_string(d.error().code)) + ": " + d.error().reason);
    return d ? *d : std::vector<Event>{};
  }

  // Runs a command that must be rejected; returns the code (InvalidCommand if it was accepted,
  // with a test failure).
  RejectionCode code(CommandBody body) {
    Decision d = run(std::move(body));
    EXPECT_FALSE(d.has_value()) << type_name(body) << " was accepted";
    return d ? RejectionCode::InvalidCommand : d.error().code;
  }
  std::string reason(CommandBody body) {
    Decision d = run(std::move(body));
    return d ? std::string("<accepted>") : d.error().reason;
  }

  // ---- set-up helpers -------------------------------------------------------------------
  void user(const std::string& id, std::vector<std::string> profiles, int chats = 3) {
    std::vector<ProfileId> ps;
    for (auto& p : profiles) ps.emplace_back(p);
    ok(cmd::CreateUser{UserId{"admin"}, UserId{id}, ps, chats});
  }
  void agent(const std::string& id, int chats = 3) {
    user(id, {"Agent"}, chats);
    available(id);
  }
  void supervisor(const std::string& id) {
    user(id, {"CallCenterManager", "Agent"});
    available(id);
  }
  void available(const std::string& id) {
    ok(cmd::OpenCcp{UserId{id}});
    ok(cmd::SetAgentStatus{UserId{id}, "Available"});
  }
  void routing() {
    ok(cmd::CreateQueue{UserId{"admin"}, QueueId{"voice-q"}, Channel::Voice});
    ok(cmd::CreateQueue{UserId{"admin"}, QueueId{"chat-q"}, Channel::Chat});
    ok(cmd::PublishContactFlow{UserId{"admin"}, FlowId{"recorded"}, true});
    ok(cmd::PublishContactFlow{UserId{"admin"}, FlowId{"unrecorded"}, false});
  }
  // A contact connected to `agent`, through a recorded flow unless said otherwise.
  void connected(const std::string& contact, Channel ch, const std::string& agent,
                 const std::string& flow = "recorded") {
    ok(cmd::StartContact{ContactId{contact}, ch, QueueId{ch == Channel::Voice ? "voice-q" : "chat-q"},
                         FlowId{flow}, "+1 555 0100"});
    ok(cmd::ConnectAgent{ContactId{contact}, UserId{agent}});
  }
  void attribute(InstanceAttribute a, std::optional<int> v) {
    ok(cmd::SetInstanceAttribute{UserId{"admin"}, a, v});
  }

  [[nodiscard]] const State& state() const { return state_; }
  [[nodiscard]] const std::vector<Event>& log() const { return log_; }

 private:
  State state_;
  Timestamp clock_ = t0();
  std::vector<Event> log_;
};

inline cmd::MonitorContact monitor(const std::string& c, const std::string& by,
                                   MonitorMode m = MonitorMode::Silent) {
  return {ContactId{c}, UserId{by}, m};
}
inline cmd::MonitorContact barge(const std::string& c, const std::string& by) {
  return monitor(c, by, MonitorMode::Barge);
}

template <class T>
std::vector<T> events_of(const std::vector<Event>& events) {
  std::vector<T> out;
  for (const auto& e : events)
    if (const T* x = std::get_if<T>(&e.body)) out.push_back(*x);
  return out;
}

}  // namespace callwatch::testing
