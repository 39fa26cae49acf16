// The discrete-event model of a contact center (internal to the simulator).
//
// The model owns the simulated clock and everything statistical: arrivals, queues, agents,
// routing, supervisors. It knows nothing about commands: each thing it does is reported as
// an Action to an optional ActionListener (the Submitter turns actions into domain commands).
// Without a listener the model runs alone ("model only"), with exactly the same arrivals,
// routing and statistics, because nothing it does depends on what the listener makes of
// an action: the model predicts the domain's answer (a supervisor on an unrecorded flow is
// refused) and the emitter checks the prediction against the real decide().
//
// Hot-path data is plain: contacts live in a recycled slab indexed by slot, events are
// 32-byte PODs in a binary heap, names exist only in tables the emitter reads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/dense_index.h"
#include "domain/rejection.h"
#include "simulator/arrivals.h"
#include "simulator/calendar.h"
#include "simulator/fifo.h"
#include "simulator/rng.h"
#include "simulator/scenario.h"

namespace callwatch::sim {

using callwatch::kNone;  // domain/dense_index.h: no queue, user or contact
inline constexpr int kRejectionCodes = 24;  // RejectionCode has this many values

enum class ActionKind : std::uint8_t {
  // set-up, by the admin
  CreateListenOnlyProfile,
  PublishFlow,     // flow
  CreateQueue,     // queue
  CreateUser,      // user
  // people
  OpenCcp,         // user
  SetStatus,       // user, status (0 = Available, else a custom status index)
  CloseCcp,        // user
  // contacts (queue + ordinal name the contact)
  StartContact,    // flow
  ConnectAgent,    // user = agent
  Hold,
  Resume,
  End,             // party
  CompleteWrapUp,
  Abandon,
  Message,         // party, number (message index within the contact)
  // supervision (user = supervisor)
  Monitor,
  Barge,
  Join,
  StopMonitoring,
};

enum class Who : std::uint8_t { Customer, Agent, Supervisor };

// Action::number of the agent's message to a chat customer who went quiet.
inline constexpr std::uint32_t kAreYouThereMessage = 0x80000000u;

struct Action {
  Action(ActionKind k, std::int64_t t) : kind(k), at(t) {}
  ActionKind kind;
  std::int64_t at;  // ms from the scenario start
  std::uint32_t queue = kNone;
  std::uint64_t ordinal = 0;      // contact number within its queue, from 1
  std::uint64_t contact_key = 0;  // random bits of the contact (customer name, texts)
  std::uint32_t user = kNone;     // index into Model::users()
  std::uint32_t agent = kNone;    // the contact's agent (for messages and hand-offs)
  std::uint32_t flow = kNone;
  Who party = Who::Customer;
  std::uint32_t number = 0;       // status index or message index
  std::optional<RejectionCode> expected;  // the model's prediction; nullopt: accepted
};

// A user the model creates: an agent or a supervisor.
struct UserInfo {
  std::string name;
  bool supervisor = false;
  bool can_barge = false;  // supervisors: holds CallCenterManager (else listen-only)
  int chat_concurrency = 3;
};

class ActionListener {
 public:
  virtual ~ActionListener() = default;
  virtual void on(const Action& action) = 0;
};

struct QueueTally {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, unanswered_at_close = 0;
  // After the warm-up (the first warmup_share of contacts by arrival):
  std::uint64_t offered_w = 0, answered_w = 0, abandoned_w = 0;
  std::uint64_t queued_w = 0;     // found no agent free on arrival
  std::uint64_t within_sl_w = 0;  // answered within the service-level threshold
  std::uint64_t wait_ms_w = 0;    // total wait of answered contacts
  std::uint64_t handled = 0;      // wrap-ups completed
  std::uint64_t handle_ms = 0;    // connect to wrap-up completed, summed

  QueueTally& operator+=(const QueueTally& o) {
    offered += o.offered; answered += o.answered; abandoned += o.abandoned;
    unanswered_at_close += o.unanswered_at_close;
    offered_w += o.offered_w; answered_w += o.answered_w; abandoned_w += o.abandoned_w;
    queued_w += o.queued_w; within_sl_w += o.within_sl_w; wait_ms_w += o.wait_ms_w;
    handled += o.handled; handle_ms += o.handle_ms;
    return *this;
  }
};

struct IntervalTally {
  std::uint64_t offered = 0, answered = 0, abandoned = 0, within_sl = 0, wait_ms = 0;
  std::uint32_t staffed = 0;  // agents Available (idle or working) at the interval's start
  std::uint32_t busy = 0;     // of which handling at least one contact
};

struct Tally {
  std::vector<QueueTally> queues;
  std::vector<IntervalTally> intervals;  // days x intervals per day, by arrival time
  std::vector<std::uint64_t> offered_per_day;
  std::uint64_t warmup_contacts = 0;
  std::uint64_t monitor_sessions = 0, barge_sessions = 0, consult_sessions = 0;
  std::uint64_t messages = 0;
  std::array<std::uint64_t, kRejectionCodes> predicted_rejections{};
  std::uint64_t actions = 0;  // commands the model issued (set-up included)
  std::int64_t staffed_ms = 0, busy_ms = 0;
  std::int64_t end_ms = 0;  // time of the last event
  std::uint64_t max_queue_length = 0;
  double expected_contacts = 0;
};

class Model {
 public:
  // `s` must be valid (validate()) and outlive the model; `listener` may be null.
  Model(const Scenario& s, ActionListener* listener);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Issues the set-up actions (profiles, flows, queues, users) and schedules the first
  // arrivals and shifts. Call once, before run_until().
  void start();
  // Runs events while the next one is due no later than `until_ms`, at most `max_events`
  // of them. Returns true while events remain.
  bool run_until(std::int64_t until_ms, std::uint64_t max_events = ~std::uint64_t{0});
  // Time of the next event (ms), if any.
  [[nodiscard]] std::optional<std::int64_t> next_event_time() const;
  // Closes the books once run_until() has returned false: contacts still waiting with no
  // agent left are abandoned at the last event's time, open shifts end.
  void finish();

  [[nodiscard]] const Tally& tally() const;
  [[nodiscard]] std::uint64_t events_processed() const;
  [[nodiscard]] const std::vector<UserInfo>& users() const;  // agents, then supervisors
  [[nodiscard]] const std::vector<std::string>& status_names() const;  // [0] is Available
  [[nodiscard]] std::size_t agent_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace callwatch::sim
