// A small instance for projection tests: commands go through domain decide(), accepted events
// are evolved into the decision state, appended to a log with positions (1, 2, 3, ...), and
// folded into a live ReadModel (with the session audit trail in a map).
//
// Time is explicit: commands are stamped with the world's clock, which moves only by at() or
// after(), so expected durations can be computed by hand.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/decide.h"
#include "domain/evolve.h"
#include "projections/history.h"
#include "projections/model.h"
#include "projections/sessions.h"
#include "testing/clock.h"

namespace callwatch::projections::testing {

using namespace std::chrono_literals;

inline Timestamp t0() { return testkit::kEpoch; }
inline Timestamp at_s(double seconds) {
  return t0() + Duration{static_cast<std::int64_t>(seconds * 1000)};
}

class MapSink final : public KeyValueSink {
 public:
  void put(std::string_view key, std::string_view value) override {
    kv[std::string(key)] = std::string(value);
  }
  std::map<std::string, std::string> kv;
};

inline std::vector<SessionRecord> read_sessions(const MapSink& sink, SessionFilter filter = {}) {
  SessionAssembler a(std::move(filter));
  for (const auto& [k, v] : sink.kv) {
    auto ok = a.add(k, v);
    EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error());
  }
  return a.finish();
}

class World {
 public:
  explicit World(ModelOptions options = {}) : model_(options), audit_(sink_) {
    model_.set_session_observer(&audit_);
    for (const auto& e : instance_genesis(clock_)) append(e);
  }

  World& at(double seconds) {
    clock_ = at_s(seconds);
    return *this;
  }
  World& after(Duration d) {
    clock_ += d;
    return *this;
  }
  [[nodiscard]] Timestamp now() const { return clock_; }

  Decision run(CommandBody body) {
    Decision d = decide(state_, Command{std::move(body), clock_, {}});
    if (d)
      for (const auto& e : *d) append(e);
    return d;
  }
  std::vector<Event> ok(CommandBody body) {
    const std::string name{type_name(body)};
    Decision d = run(std::move(body));
    EXPECT_TRUE(d.has_value()) << name << " rejected: "
                               << (d ? "" : std::string(to_string(d.error().code)) + ": " + d.error().reason);
    return d ? *d : std::vector<Event>{};
  }

  // ---- set-up helpers ---------------------------------------------------------------------
  void user(const std::string& id, std::vector<std::string> profiles, int chats = 3) {
    std::vector<ProfileId> ps;
    for (auto& p : profiles) ps.emplace_back(p);
    ok(cmd::CreateUser{UserId{"admin"}, UserId{id}, ps, chats});
  }
  void open(const std::string& id) { ok(cmd::OpenCcp{UserId{id}}); }
  void status(const std::string& id, const std::string& s) { ok(cmd::SetAgentStatus{UserId{id}, s}); }
  void agent(const std::string& id, int chats = 3) {
    user(id, {"Agent"}, chats);
    open(id);
    status(id, "Available");
  }
  void supervisor(const std::string& id) {
    user(id, {"CallCenterManager", "Agent"});
    open(id);
    status(id, "Available");
  }
  void routing() {
    ok(cmd::CreateQueue{UserId{"admin"}, QueueId{"voice-q"}, Channel::Voice});
    ok(cmd::CreateQueue{UserId{"admin"}, QueueId{"chat-q"}, Channel::Chat});
    ok(cmd::PublishContactFlow{UserId{"admin"}, FlowId{"recorded"}, true});
    ok(cmd::PublishContactFlow{UserId{"admin"}, FlowId{"unrecorded"}, false});
  }
  void start(const std::string& contact, Channel ch, const std::string& flow = "recorded",
             const std::string& queue = "") {
    ok(cmd::StartContact{ContactId{contact}, ch,
                         QueueId{queue.empty() ? (ch == Channel::Voice ? "voice-q" : "chat-q") : queue},
                         FlowId{flow}, "+1 555 0100"});
  }
  void connect(const std::string& contact, const std::string& agent) {
    ok(cmd::ConnectAgent{ContactId{contact}, UserId{agent}});
  }
  void end(const std::string& contact, const std::string& by) {
    ok(cmd::EndContact{ContactId{contact}, Party::of(UserId{by})});
  }
  void end_by_customer(const std::string& contact) {
    ok(cmd::EndContact{ContactId{contact}, Party::customer()});
  }
  void wrap_up(const std::string& contact, const std::string& by) {
    ok(cmd::CompleteWrapUp{ContactId{contact}, UserId{by}});
  }
  void monitor(const std::string& contact, const std::string& by, MonitorMode m = MonitorMode::Silent) {
    ok(cmd::MonitorContact{ContactId{contact}, UserId{by}, m});
  }
  void say(const std::string& contact, Party from, const std::string& text,
           Visibility v = Visibility::Public) {
    ok(cmd::SendMessage{ContactId{contact}, std::move(from), text, v});
  }

  // ---- what tests look at -----------------------------------------------------------------
  [[nodiscard]] const State& state() const { return state_; }
  [[nodiscard]] const ReadModel& model() const { return model_; }
  [[nodiscard]] const std::vector<PositionedEvent>& log() const { return log_; }
  [[nodiscard]] const MapSink& sessions_sink() const { return sink_; }
  [[nodiscard]] Position last_position() const { return log_.size(); }

  // The events of one contact's stream, up to `as_of`.
  [[nodiscard]] std::vector<PositionedEvent> stream(std::string_view contact,
                                                    Position as_of = ~Position{0}) const {
    std::vector<PositionedEvent> out;
    const std::string name = "contact-" + std::string(contact);
    for (const auto& pe : log_)
      if (pe.position <= as_of && stream_of(pe.event.body) == name) out.push_back(pe);
    return out;
  }

 private:
  void append(const Event& e) {
    evolve(state_, e);
    log_.push_back({log_.size() + 1, e});
    model_.apply(log_.back().position, e);
  }

  Timestamp clock_ = t0();
  State state_;
  std::vector<PositionedEvent> log_;
  ReadModel model_;
  MapSink sink_;
  SessionAudit audit_;
};

// A fresh model folded from the first `upto` events of a log.
inline ReadModel fold(const std::vector<PositionedEvent>& log, Position upto = ~Position{0},
                      ModelOptions options = {}) {
  ReadModel m(options);
  for (const auto& pe : log)
    if (pe.position <= upto) m.apply(pe.position, pe.event);
  return m;
}

}  // namespace callwatch::projections::testing
