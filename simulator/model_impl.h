// The model's state and event handlers (internal to model*.cpp).
//
// model.cpp: the event loop, arrivals, contacts and routing.
// model_staff.cpp: set-up, agents' shifts and breaks, supervisors.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "simulator/model.h"

namespace callwatch::sim {

// Fixed draw indices of a contact's random stream: each decision about a contact has its
// own draw, so skipping one (a contact that never waits draws no patience) shifts nothing.
namespace draw {
inline constexpr std::uint64_t kFlow = 0, kTalk = 1, kPatience = 2, kHold = 3, kHoldAt = 4,
                               kHoldLength = 5, kAcw = 6, kEndBy = 7, kMonitor = 8,
                               kMonitorDelay = 9, kListen = 10, kBarge = 11, kBargeDelay = 12,
                               kSilent = 13, kQuietAt = 14, kSupMessage = 15, kGreeting = 16,
                               kGap = 64;  // + message number
}  // namespace draw

enum class EventKind : std::uint8_t {
  Arrival,        // target: queue
  Abandon,        // target: contact slot, aux: generation
  HoldStart,
  HoldEnd,
  End,
  WrapUp,
  ChatMessage,
  Monitor,
  Barge,          // voice: barge; chat: join in consult mode
  StopListening,
  SupervisorMessage,
  ShiftStart,     // target: agent, aux: day
  ShiftEnd,
  BreakStart,     // target: agent, aux: break index
  BreakEnd,
  SupShiftStart,  // target: supervisor, aux: day
  SupShiftEnd,
  Tick,           // target: interval index
};

struct Model::Impl {
  enum class CState : std::uint8_t { Free, Queued, Connected, OnHold, WrapUp };
  enum class SupState : std::uint8_t { None, Planned, Silent, Barged, Joined };
  enum class AStatus : std::uint8_t { Offline, Available, Break };
  enum class Pending : std::uint8_t { None, Break, Logout };

  struct Contact {
    std::int64_t arrival = 0, connect = 0;
    std::int64_t end_at = 0;       // planned end of the conversation
    std::int64_t hold_at = 0;      // voice: when the hold starts (0: no hold)
    std::int64_t hold_ms = 0;
    std::int64_t quiet_at = 0;     // chat: a silent customer's last word (0: not silent)
    std::int64_t listen_until = 0;
    std::uint64_t ordinal = 0;
    RandomStream rng;
    std::uint32_t queue = 0, agent = kNone, sup = kNone, gen = 0, interval = 0;
    std::uint32_t messages = 0;
    CState state = CState::Free;
    SupState sup_state = SupState::None;
    std::uint8_t flow = 0;
    bool warm = false;    // inside the warm-up: left out of service level and ASA
    bool queued = false;  // found no agent free on arrival
    bool asked = false;   // chat: the agent asked a silent customer whether they're there
  };
  struct WaitEntry {
    std::uint32_t slot, gen;
  };
  struct IdleEntry {
    std::uint32_t agent, stamp;
  };
  struct Queue {
    const QueueSpec* spec = nullptr;
    RandomStream contacts;
    ArrivalProcess arrivals;
    std::optional<ArrivalProcess::Arrival> next;
    Fifo<WaitEntry> waiting;
    std::uint64_t waiting_count = 0;
    std::vector<Fifo<IdleEntry>> idle;  // by the agent's load: voice uses level 0 only
    std::uint64_t ordinal = 0;
    bool chat = false;
  };
  struct Agent {
    RandomStream rng;
    std::uint32_t group = 0, sup = kNone, stamp = 0;
    std::uint16_t load = 0, cap = 1;
    bool on_voice = false;
    AStatus status = AStatus::Offline;
    Pending pending = Pending::None;
    std::uint32_t pending_break = 0;
    std::int64_t staffed_since = 0, busy_since = 0;
    std::uint32_t day = 0;
  };
  struct Supervisor {
    std::uint32_t group = 0, user = 0;
    bool on_shift = false, can_barge = true;
    std::uint16_t chat_cap = 3;
    std::vector<WaitEntry> sessions;  // contacts they watch (slot, generation)
    std::uint32_t calls = 0, chats = 0;
  };

  Impl(const Scenario& s, ActionListener* listener);

  // model.cpp
  bool run_until(std::int64_t until, std::uint64_t max_events);
  void dispatch(const CalendarEvent& e);
  void schedule_arrival(std::uint32_t q);
  void on_arrival(std::uint32_t q);
  std::uint32_t alloc_contact();
  void free_contact(std::uint32_t slot);
  bool try_route(std::uint32_t slot);
  void connect(std::uint32_t slot, std::uint32_t agent);
  void on_hold_start(std::uint32_t slot);
  void on_hold_end(std::uint32_t slot);
  void on_end(std::uint32_t slot);
  void on_wrapup(std::uint32_t slot);
  void on_abandon(std::uint32_t slot);
  void on_chat_message(std::uint32_t slot);
  [[nodiscard]] bool can_take(const Agent& a, bool chat) const;
  [[nodiscard]] bool routable(const Agent& a) const;
  void agent_changed(std::uint32_t agent);  // may take more: pull waiting contacts, re-list
  void relist(std::uint32_t agent);         // invalidate old idle entries, list where eligible
  void release(std::uint32_t agent);        // a contact finished
  void finish();
  [[nodiscard]] bool live(std::uint32_t slot, std::uint32_t gen) const {
    return contacts[slot].gen == gen && contacts[slot].state != CState::Free;
  }
  // The part of [since, now) inside the scenario's horizon: occupancy is measured while
  // contacts arrive, not while the last ones drain after it (stationary runs).
  [[nodiscard]] std::int64_t span(std::int64_t since) const {
    return std::min(now, horizon_ms) - std::min(since, horizon_ms);
  }

  // Reports an action to the listener (if any); the count is kept either way.
  void act(const Action& a) {
    ++tally.actions;
    if (listener) listener->on(a);
  }
  void act_contact(ActionKind kind, const Contact& c, Who party = Who::Customer,
                   std::uint32_t user = kNone, std::uint32_t number = 0,
                   std::optional<RejectionCode> expected = std::nullopt) {
    ++tally.actions;
    if (!listener) return;
    Action a{kind, now};
    a.queue = c.queue;
    a.ordinal = c.ordinal;
    a.contact_key = c.rng.bits(0xFFFF);
    a.agent = c.agent;
    a.flow = c.flow;
    a.party = party;
    a.user = user;
    a.number = number;
    a.expected = expected;
    listener->on(a);
  }

  // model_staff.cpp
  void setup();
  void on_shift_start(std::uint32_t agent, std::uint32_t day);
  void on_shift_end(std::uint32_t agent, std::uint32_t day);
  void on_break_start(std::uint32_t agent, std::uint32_t index);
  void on_break_end(std::uint32_t agent);
  void begin_break(std::uint32_t agent);
  // Schedules the end of `who`'s shift on `day` and the next day's start; returns the day's
  // first millisecond.
  std::int64_t schedule_shift(const ShiftSpec& shift, std::uint32_t who, std::uint32_t day,
                              EventKind end, EventKind start);
  void logout(std::uint32_t agent);
  void on_sup_shift_start(std::uint32_t sup, std::uint32_t day);
  void on_sup_shift_end(std::uint32_t sup, std::uint32_t day);
  void plan_monitor(std::uint32_t slot);
  void on_monitor(std::uint32_t slot);
  void on_barge(std::uint32_t slot);
  void on_stop_listening(std::uint32_t slot);
  void on_supervisor_message(std::uint32_t slot);
  void end_session(std::uint32_t slot);  // the contact ended: the domain stops the session
  void detach(Supervisor& s, std::uint32_t slot);
  void on_tick(std::uint32_t interval);

  const Scenario& s;
  ActionListener* listener;
  RandomStream root;
  Tally tally;
  std::uint64_t events = 0;
  std::vector<UserInfo> users;
  std::vector<std::string> status_names;
  std::vector<std::uint32_t> break_status;  // per (group, break): index into status_names
  std::vector<std::uint32_t> break_status_first;  // per group: first entry in break_status
  std::vector<double> factors;
  Calendar cal;
  std::int64_t now = 0;
  std::int64_t day_ms = 0, interval_ms = 0, sl_ms = 0, horizon_ms = 0;
  std::vector<Queue> queues;
  std::vector<Contact> contacts;
  std::vector<std::uint32_t> free_slots;
  std::vector<Agent> agents;
  std::vector<Supervisor> sups;
  std::uint64_t warmup_limit = 0;
  std::uint64_t arrivals_seen = 0;
  std::uint32_t n_available = 0, n_busy = 0;
};

}  // namespace callwatch::sim
