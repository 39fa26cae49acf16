// The event loop, arrivals, contacts and routing. Agents and supervisors: model_staff.cpp.
#include <algorithm>
#include <limits>

#include "simulator/detmath.h"
#include "simulator/model_impl.h"

namespace callwatch::sim {

Model::Impl::Impl(const Scenario& scenario, ActionListener* l)
    : s(scenario),
      listener(l),
      root(scenario.seed),
      factors(day_factors(scenario, root)),
      day_ms(scenario.day_length.count()),
      interval_ms(scenario.interval.count()),
      sl_ms(to_ms(scenario.sl_threshold_seconds)),
      horizon_ms(day_ms * scenario.days) {
  tally.queues.resize(s.queues.size());
  tally.intervals.resize(s.intervals_per_day() * static_cast<std::size_t>(s.days));
  tally.offered_per_day.resize(static_cast<std::size_t>(s.days));
  tally.expected_contacts = expected_arrivals(s, factors);
  warmup_limit = static_cast<std::uint64_t>(s.warmup_share * tally.expected_contacts);

  // Chat queues keep idle agents by load level; the deepest level is the largest chat
  // concurrency among the agents who serve them.
  std::vector<int> levels(s.queues.size(), 1);
  for (const auto& g : s.agent_groups)
    for (std::size_t q : g.skills)
      if (s.queues[q].channel == Channel::Chat) levels[q] = std::max(levels[q], g.chat_concurrency);
  queues.reserve(s.queues.size());
  for (std::size_t q = 0; q < s.queues.size(); ++q) {
    queues.push_back(Queue{&s.queues[q], queue_stream(root, s.queues[q]).child("contacts"),
                           ArrivalProcess(s, q, factors, root), std::nullopt, {}, 0, {}, 0,
                           s.queues[q].channel == Channel::Chat});
    queues.back().idle.resize(static_cast<std::size_t>(levels[q]));
  }
  contacts.reserve(1024);
  cal.reserve(1024);
}

// ---- the loop ------------------------------------------------------------------------

bool Model::Impl::run_until(std::int64_t until, std::uint64_t max_events) {
  for (std::uint64_t n = 0; n < max_events && !cal.empty() && cal.top().at <= until; ++n) {
    const CalendarEvent e = cal.pop();
    now = e.at;
    ++events;
    dispatch(e);
  }
  return !cal.empty();
}

void Model::Impl::dispatch(const CalendarEvent& e) {
  const std::uint32_t t = e.target;
  auto if_live = [&](auto handler) {
    if (live(t, e.aux)) (this->*handler)(t);
  };
  switch (static_cast<EventKind>(e.kind)) {
    case EventKind::Arrival: on_arrival(t); break;
    case EventKind::Abandon: if_live(&Impl::on_abandon); break;
    case EventKind::HoldStart: if_live(&Impl::on_hold_start); break;
    case EventKind::HoldEnd: if_live(&Impl::on_hold_end); break;
    case EventKind::End: if_live(&Impl::on_end); break;
    case EventKind::WrapUp: if_live(&Impl::on_wrapup); break;
    case EventKind::ChatMessage: if_live(&Impl::on_chat_message); break;
    case EventKind::Monitor: if_live(&Impl::on_monitor); break;
    case EventKind::Barge: if_live(&Impl::on_barge); break;
    case EventKind::StopListening: if_live(&Impl::on_stop_listening); break;
    case EventKind::SupervisorMessage: if_live(&Impl::on_supervisor_message); break;
    case EventKind::ShiftStart: on_shift_start(t, e.aux); break;
    case EventKind::ShiftEnd: on_shift_end(t, e.aux); break;
    case EventKind::BreakStart: on_break_start(t, e.aux); break;
    case EventKind::BreakEnd: on_break_end(t); break;
    case EventKind::SupShiftStart: on_sup_shift_start(t, e.aux); break;
    case EventKind::SupShiftEnd: on_sup_shift_end(t, e.aux); break;
    case EventKind::Tick: on_tick(t); break;
  }
}

void Model::Impl::finish() {
  // Whoever still waits has no agent left to answer: they hang up when the lines close.
  for (std::uint32_t q = 0; q < queues.size(); ++q) {
    Queue& Q = queues[q];
    while (!Q.waiting.empty()) {
      const WaitEntry w = Q.waiting.front();
      Q.waiting.pop_front();
      if (!live(w.slot, w.gen) || contacts[w.slot].state != CState::Queued) continue;
      Contact& c = contacts[w.slot];
      act_contact(ActionKind::Abandon, c);
      tally.queues[q].unanswered_at_close += 1;
      tally.queues[q].abandoned += 1;
      tally.intervals[c.interval].abandoned += 1;
      if (!c.warm) tally.queues[q].abandoned_w += 1;
      free_contact(w.slot);
    }
    Q.waiting_count = 0;
  }
  for (Agent& a : agents)
    if (a.status == AStatus::Available) tally.staffed_ms += span(a.staffed_since);
  tally.end_ms = now;
}

// ---- contacts --------------------------------------------------------------------------

std::uint32_t Model::Impl::alloc_contact() {
  if (!free_slots.empty()) {
    const std::uint32_t slot = free_slots.back();
    free_slots.pop_back();
    return slot;
  }
  contacts.emplace_back();
  return static_cast<std::uint32_t>(contacts.size() - 1);
}

void Model::Impl::free_contact(std::uint32_t slot) {
  Contact& c = contacts[slot];
  c.state = CState::Free;
  c.gen += 1;  // every pending event of this contact is now stale
  free_slots.push_back(slot);
}

void Model::Impl::schedule_arrival(std::uint32_t q) {
  Queue& Q = queues[q];
  Q.next = Q.arrivals.next();
  if (Q.next) cal.push(Q.next->at_ms, static_cast<std::uint8_t>(EventKind::Arrival), q);
}

void Model::Impl::on_arrival(std::uint32_t q) {
  Queue& Q = queues[q];
  const ArrivalProcess::Arrival arrival = *Q.next;
  const std::uint32_t slot = alloc_contact();
  Contact& c = contacts[slot];
  const std::uint32_t gen = c.gen;
  c = Contact{};
  c.gen = gen;
  c.arrival = now;
  c.queue = q;
  c.ordinal = ++Q.ordinal;
  c.rng = Q.contacts.child((static_cast<std::uint64_t>(arrival.day) << 32) | arrival.index);
  c.interval = static_cast<std::uint32_t>(
      std::min<std::int64_t>(now / interval_ms, static_cast<std::int64_t>(tally.intervals.size()) - 1));
  c.warm = arrivals_seen++ < warmup_limit;
  c.state = CState::Queued;
  const auto& flows = Q.spec->flows;
  if (flows.size() == 1) {
    c.flow = static_cast<std::uint8_t>(flows[0].flow);
  } else {
    double u = c.rng.uniform(draw::kFlow);
    std::size_t i = 0;
    while (i + 1 < flows.size() && u >= flows[i].share) u -= flows[i++].share;
    c.flow = static_cast<std::uint8_t>(flows[i].flow);
  }
  QueueTally& qt = tally.queues[q];
  qt.offered += 1;
  if (!c.warm) qt.offered_w += 1;
  tally.intervals[c.interval].offered += 1;
  tally.offered_per_day[arrival.day] += 1;
  if (c.warm) tally.warmup_contacts += 1;

  act_contact(ActionKind::StartContact, c);
  if (Q.chat) {  // a chat opens with the customer's question, written while queued
    act_contact(ActionKind::Message, c, Who::Customer, kNone, 0);
    tally.messages += 1;
  }
  if (!try_route(slot)) {
    Contact& w = contacts[slot];
    w.queued = true;
    if (!w.warm) qt.queued_w += 1;
    Q.waiting.push_back({slot, w.gen});
    Q.waiting_count += 1;
    tally.max_queue_length = std::max(tally.max_queue_length, Q.waiting_count);
    const Patience& p = Q.spec->patience;
    if (!p.infinite)
      cal.push(now + to_ms(p.quantile(w.rng.uniform(draw::kPatience))),
               static_cast<std::uint8_t>(EventKind::Abandon), slot, w.gen);
  }
  schedule_arrival(q);
}

void Model::Impl::connect(std::uint32_t slot, std::uint32_t agent_index) {
  Contact& c = contacts[slot];
  Agent& a = agents[agent_index];
  const Queue& Q = queues[c.queue];
  const QueueSpec& spec = *Q.spec;
  c.state = CState::Connected;
  c.agent = agent_index;
  c.connect = now;
  const std::int64_t wait = now - c.arrival;
  QueueTally& qt = tally.queues[c.queue];
  IntervalTally& it = tally.intervals[c.interval];
  qt.answered += 1;
  it.answered += 1;
  it.wait_ms += static_cast<std::uint64_t>(wait);
  if (wait <= sl_ms) it.within_sl += 1;
  if (!c.warm) {
    qt.answered_w += 1;
    qt.wait_ms_w += static_cast<std::uint64_t>(wait);
    if (wait <= sl_ms) qt.within_sl_w += 1;
  }
  const std::uint16_t others = a.load;
  if (a.load == 0) {
    a.busy_since = now;
    n_busy += 1;
  }
  a.load += 1;
  if (!Q.chat) a.on_voice = true;
  act_contact(ActionKind::ConnectAgent, c, Who::Agent, agent_index);

  const double talk = spec.handle_time.quantile(c.rng.uniform(draw::kTalk));
  if (!Q.chat) {
    const std::int64_t talk_ms = to_ms(talk);
    if (spec.hold_probability > 0 && c.rng.uniform(draw::kHold) < spec.hold_probability) {
      c.hold_ms = to_ms(spec.hold_time.quantile(c.rng.uniform(draw::kHoldLength)));
      c.hold_at = now + to_ms(talk * c.rng.uniform(draw::kHoldAt));
      c.end_at = now + talk_ms + c.hold_ms;
      cal.push(c.hold_at, static_cast<std::uint8_t>(EventKind::HoldStart), slot, c.gen);
    } else {
      c.end_at = now + talk_ms;
      cal.push(c.end_at, static_cast<std::uint8_t>(EventKind::End), slot, c.gen);
    }
  } else {
    // Each chat already held slows this one down; a silent customer stops answering part-way
    // and the agent closes the chat after the idle timeout.
    const double stretched = talk * (1 + spec.chat.concurrency_stretch * others);
    if (c.rng.uniform(draw::kSilent) < spec.chat.silent_leave_share) {
      c.quiet_at = now + to_ms(stretched * c.rng.uniform(draw::kQuietAt));
      c.end_at = c.quiet_at + to_ms(spec.chat.idle_timeout);
    } else {
      c.end_at = now + to_ms(stretched);
    }
    cal.push(c.end_at, static_cast<std::uint8_t>(EventKind::End), slot, c.gen);
    const std::int64_t greet = now + to_ms(Distribution::exponential(5).quantile(c.rng.uniform(draw::kGreeting)));
    if (greet < c.end_at)
      cal.push(greet, static_cast<std::uint8_t>(EventKind::ChatMessage), slot, c.gen);
  }
  if (a.sup != kNone) plan_monitor(slot);
}

void Model::Impl::on_hold_start(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::Connected) return;
  c.state = CState::OnHold;
  act_contact(ActionKind::Hold, c, Who::Agent, c.agent);
  cal.push(now + c.hold_ms, static_cast<std::uint8_t>(EventKind::HoldEnd), slot, c.gen);
}

void Model::Impl::on_hold_end(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::OnHold) return;
  c.state = CState::Connected;
  act_contact(ActionKind::Resume, c, Who::Agent, c.agent);
  cal.push(std::max(now, c.end_at), static_cast<std::uint8_t>(EventKind::End), slot, c.gen);
}

void Model::Impl::on_end(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::Connected) return;
  if (c.sup_state != SupState::None) end_session(slot);
  // Who hangs up matters only to the log: draw it only when there is a log.
  Who by = Who::Agent;
  if (listener && c.quiet_at == 0 && c.rng.uniform(draw::kEndBy) < 0.5) by = Who::Customer;
  act_contact(ActionKind::End, c, by, by == Who::Agent ? c.agent : kNone);
  c.state = CState::WrapUp;
  const std::int64_t acw = to_ms(queues[c.queue].spec->after_contact_work.quantile(c.rng.uniform(draw::kAcw)));
  if (acw == 0) {
    on_wrapup(slot);
  } else {
    cal.push(now + acw, static_cast<std::uint8_t>(EventKind::WrapUp), slot, c.gen);
  }
}

void Model::Impl::on_wrapup(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::WrapUp) return;
  act_contact(ActionKind::CompleteWrapUp, c, Who::Agent, c.agent);
  QueueTally& qt = tally.queues[c.queue];
  qt.handled += 1;
  qt.handle_ms += static_cast<std::uint64_t>(now - c.connect);
  const std::uint32_t agent = c.agent;
  free_contact(slot);
  release(agent);
}

void Model::Impl::on_abandon(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::Queued) return;
  act_contact(ActionKind::Abandon, c);
  QueueTally& qt = tally.queues[c.queue];
  qt.abandoned += 1;
  if (!c.warm) qt.abandoned_w += 1;
  tally.intervals[c.interval].abandoned += 1;
  queues[c.queue].waiting_count -= 1;
  free_contact(slot);  // its entry in the waiting line is now stale
}

void Model::Impl::on_chat_message(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.state != CState::Connected) return;
  const QueueSpec& spec = *queues[c.queue].spec;
  if (c.quiet_at != 0 && now >= c.quiet_at) {
    // The customer has gone quiet: the agent asks once, then waits out the idle timeout.
    if (!c.asked) {
      c.asked = true;
      act_contact(ActionKind::Message, c, Who::Agent, c.agent, kAreYouThereMessage);
      tally.messages += 1;
    }
    return;
  }
  // Agent and customer take turns, the agent first (the greeting).
  const std::uint32_t m = ++c.messages;
  const Who who = (m % 2 == 1) ? Who::Agent : Who::Customer;
  act_contact(ActionKind::Message, c, who, who == Who::Agent ? c.agent : kNone, m);
  tally.messages += 1;
  const std::int64_t next =
      now + to_ms(-spec.chat.message_gap_mean * det_log(c.rng.uniform(draw::kGap + m)));
  if (next < c.end_at) cal.push(next, static_cast<std::uint8_t>(EventKind::ChatMessage), slot, c.gen);
}

// ---- routing ---------------------------------------------------------------------------
//
// Longest-idle routing: each queue lists its agents with free capacity, oldest first, by
// load level (voice: level 0 only; chat: the least loaded level first). An entry is valid
// while the agent's stamp is unchanged; every change of load or status bumps the stamp and
// lists the agent afresh, so stale entries are skipped when they reach the front.

bool Model::Impl::routable(const Agent& a) const {
  return a.status == AStatus::Available && a.pending == Pending::None;
}

bool Model::Impl::can_take(const Agent& a, bool chat) const {
  if (!routable(a)) return false;
  return chat ? (!a.on_voice && a.load < a.cap) : a.load == 0;
}

bool Model::Impl::try_route(std::uint32_t slot) {
  Queue& Q = queues[contacts[slot].queue];
  for (auto& level : Q.idle) {
    while (!level.empty()) {
      const IdleEntry e = level.front();
      level.pop_front();
      const Agent& a = agents[e.agent];
      if (a.stamp != e.stamp || !can_take(a, Q.chat)) continue;
      connect(slot, e.agent);
      relist(e.agent);
      return true;
    }
  }
  return false;
}

void Model::Impl::relist(std::uint32_t agent_index) {
  Agent& a = agents[agent_index];
  a.stamp += 1;
  if (!routable(a)) return;
  for (std::size_t q : s.agent_groups[a.group].skills) {
    Queue& Q = queues[q];
    if (can_take(a, Q.chat)) Q.idle[Q.chat ? a.load : 0].push_back({agent_index, a.stamp});
  }
}

void Model::Impl::agent_changed(std::uint32_t agent_index) {
  Agent& a = agents[agent_index];
  const auto& skills = s.agent_groups[a.group].skills;
  // Serve the longest-waiting contact among the agent's queues, while capacity lasts.
  while (routable(a)) {
    std::uint32_t best = kNone;
    std::int64_t best_arrival = std::numeric_limits<std::int64_t>::max();
    for (std::size_t q : skills) {
      Queue& Q = queues[q];
      if (!can_take(a, Q.chat)) continue;
      while (!Q.waiting.empty()) {
        const WaitEntry w = Q.waiting.front();
        if (live(w.slot, w.gen) && contacts[w.slot].state == CState::Queued) break;
        Q.waiting.pop_front();
      }
      if (Q.waiting.empty()) continue;
      const std::int64_t arrival = contacts[Q.waiting.front().slot].arrival;
      if (arrival < best_arrival) {
        best_arrival = arrival;
        best = static_cast<std::uint32_t>(q);
      }
    }
    if (best == kNone) break;
    Queue& Q = queues[best];
    const std::uint32_t slot = Q.waiting.front().slot;
    Q.waiting.pop_front();
    Q.waiting_count -= 1;
    connect(slot, agent_index);
  }
  relist(agent_index);
}

void Model::Impl::release(std::uint32_t agent_index) {
  Agent& a = agents[agent_index];
  a.load -= 1;
  if (a.load == 0) {
    a.on_voice = false;
    n_busy -= 1;
    tally.busy_ms += span(a.busy_since);
    if (a.pending == Pending::Break) return begin_break(agent_index);
    if (a.pending == Pending::Logout) return logout(agent_index);
  }
  if (a.pending == Pending::None) agent_changed(agent_index);
}

// ---- the facade ------------------------------------------------------------------------

Model::Model(const Scenario& s, ActionListener* listener)
    : impl_(std::make_unique<Impl>(s, listener)) {}
Model::~Model() = default;
void Model::start() { impl_->setup(); }
bool Model::run_until(std::int64_t until_ms, std::uint64_t max_events) {
  return impl_->run_until(until_ms, max_events);
}
std::optional<std::int64_t> Model::next_event_time() const {
  if (impl_->cal.empty()) return std::nullopt;
  return impl_->cal.top().at;
}
void Model::finish() { impl_->finish(); }
const Tally& Model::tally() const { return impl_->tally; }
std::uint64_t Model::events_processed() const { return impl_->events; }
const std::vector<UserInfo>& Model::users() const { return impl_->users; }
const std::vector<std::string>& Model::status_names() const { return impl_->status_names; }
std::size_t Model::agent_count() const { return impl_->agents.size(); }

}  // namespace callwatch::sim
