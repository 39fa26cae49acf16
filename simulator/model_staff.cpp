// Set-up, agents' shifts and breaks, and supervisors.
#include <fmt/format.h>

#include <algorithm>

#include "simulator/model_impl.h"

namespace callwatch::sim {
namespace {
template <class E>
std::uint8_t k(E e) {
  return static_cast<std::uint8_t>(e);
}
}  // namespace

// ---- set-up ----------------------------------------------------------------------------

void Model::Impl::setup() {
  status_names.push_back(std::string(kStatusAvailable));
  for (std::uint32_t g = 0; g < s.agent_groups.size(); ++g) {
    const AgentGroupSpec& group = s.agent_groups[g];
    break_status_first.push_back(static_cast<std::uint32_t>(break_status.size()));
    for (const BreakSpec& b : group.breaks) {
      auto it = std::find(status_names.begin(), status_names.end(), b.status);
      if (it == status_names.end()) it = status_names.insert(status_names.end(), b.status);
      break_status.push_back(static_cast<std::uint32_t>(it - status_names.begin()));
    }
    for (int i = 1; i <= group.count; ++i) {
      users.push_back({fmt::format("{}-{:04d}", group.id_prefix, i), false, false,
                       group.chat_concurrency});
      Agent a;
      a.rng = root.child("agent").child(users.back().name);
      a.group = g;
      a.cap = static_cast<std::uint16_t>(group.chat_concurrency);
      agents.push_back(a);
    }
  }
  for (std::uint32_t g = 0; g < s.supervisor_groups.size(); ++g) {
    const SupervisorGroupSpec& group = s.supervisor_groups[g];
    const auto first = static_cast<std::uint32_t>(sups.size());
    for (int i = 1; i <= group.count; ++i) {
      Supervisor sp;
      sp.group = g;
      sp.can_barge = i <= group.count - group.listen_only;
      users.push_back({fmt::format("{}-{:04d}", group.id_prefix, i), true, sp.can_barge,
                       group.chat_concurrency});
      sp.user = static_cast<std::uint32_t>(users.size() - 1);
      sp.chat_cap = static_cast<std::uint16_t>(group.chat_concurrency);
      sups.push_back(std::move(sp));
    }
    if (group.count == 0) continue;
    // Teams: the watched groups' agents (not already someone's), in order, in equal runs.
    std::vector<std::uint32_t> team;
    for (std::uint32_t a = 0; a < agents.size(); ++a)
      if (agents[a].sup == kNone &&
          std::find(group.watches.begin(), group.watches.end(), agents[a].group) != group.watches.end())
        team.push_back(a);
    for (std::size_t i = 0; i < team.size(); ++i)
      agents[team[i]].sup = first + static_cast<std::uint32_t>(i * static_cast<std::size_t>(group.count) / team.size());
  }

  // The admin builds the instance: a listen-only supervisor profile, flows, queues, users.
  now = 0;
  bool listen_only = false;
  for (const auto& g : s.supervisor_groups) listen_only |= g.listen_only > 0;
  if (listen_only) act(Action{ActionKind::CreateListenOnlyProfile, 0});
  for (std::uint32_t f = 0; f < s.flows.size(); ++f) {
    Action a{ActionKind::PublishFlow, 0};
    a.flow = f;
    act(a);
  }
  for (std::uint32_t q = 0; q < s.queues.size(); ++q) {
    Action a{ActionKind::CreateQueue, 0};
    a.queue = q;
    act(a);
  }
  for (std::uint32_t u = 0; u < users.size(); ++u) {
    Action a{ActionKind::CreateUser, 0};
    a.user = u;
    act(a);
  }

  for (std::uint32_t q = 0; q < queues.size(); ++q) schedule_arrival(q);
  for (std::uint32_t a = 0; a < agents.size(); ++a)
    cal.push(s.agent_groups[agents[a].group].shift.start.count(), k(EventKind::ShiftStart), a, 0);
  for (std::uint32_t sp = 0; sp < sups.size(); ++sp)
    cal.push(s.supervisor_groups[sups[sp].group].shift.start.count(), k(EventKind::SupShiftStart), sp, 0);
  cal.push(0, k(EventKind::Tick), 0);
}

void Model::Impl::on_tick(std::uint32_t interval) {
  tally.intervals[interval].staffed = n_available;
  tally.intervals[interval].busy = n_busy;
  if (interval + 1 < tally.intervals.size())
    cal.push(static_cast<std::int64_t>(interval + 1) * interval_ms, k(EventKind::Tick), interval + 1);
}

// ---- shifts ----------------------------------------------------------------------------

// The end first: when one shift ends as the next begins, the end happens first.
std::int64_t Model::Impl::schedule_shift(const ShiftSpec& shift, std::uint32_t who,
                                         std::uint32_t day, EventKind end, EventKind start) {
  const std::int64_t base = static_cast<std::int64_t>(day) * day_ms;
  cal.push(base + shift.end.count(), k(end), who, day);
  if (static_cast<int>(day) + 1 < s.days)
    cal.push(base + day_ms + shift.start.count(), k(start), who, day + 1);
  return base;
}

// ---- agents ----------------------------------------------------------------------------

void Model::Impl::on_shift_start(std::uint32_t agent, std::uint32_t day) {
  Agent& a = agents[agent];
  const AgentGroupSpec& g = s.agent_groups[a.group];
  const std::int64_t base = schedule_shift(g.shift, agent, day, EventKind::ShiftEnd,
                                           EventKind::ShiftStart);
  for (std::uint32_t b = 0; b < g.breaks.size(); ++b) {
    const BreakSpec& br = g.breaks[b];
    const double jitter = (a.rng.uniform(std::uint64_t{day} * 64 + b) - 0.5) *
                          static_cast<double>(br.stagger.count());
    const std::int64_t at = base + br.at.count() + static_cast<std::int64_t>(jitter);
    if (at > now && at < base + g.shift.end.count()) cal.push(at, k(EventKind::BreakStart), agent, b);
  }
  a.day = day;
  if (a.status != AStatus::Offline) {  // still finishing yesterday's last contact: stays on
    a.pending = Pending::None;
    agent_changed(agent);
    return;
  }
  a.status = AStatus::Available;
  a.staffed_since = now;
  n_available += 1;
  Action open{ActionKind::OpenCcp, now};
  open.user = agent;
  act(open);
  Action available{ActionKind::SetStatus, now};
  available.user = agent;
  available.number = 0;
  act(available);
  agent_changed(agent);
}

void Model::Impl::on_shift_end(std::uint32_t agent, std::uint32_t day) {
  Agent& a = agents[agent];
  if (a.status == AStatus::Offline || a.day != day) return;
  const AgentGroupSpec& g = s.agent_groups[a.group];
  if (g.stay_until_queues_empty && a.status == AStatus::Available &&
      std::any_of(g.skills.begin(), g.skills.end(), [&](std::size_t q) { return queues[q].waiting_count > 0; })) {
    cal.push(now + 60'000, k(EventKind::ShiftEnd), agent, day);
    return;
  }
  if (a.status == AStatus::Break || a.load == 0) return logout(agent);
  // Finish what they have, take nothing new.
  a.pending = Pending::Logout;
  relist(agent);
}

void Model::Impl::on_break_start(std::uint32_t agent, std::uint32_t index) {
  Agent& a = agents[agent];
  if (a.status != AStatus::Available || a.pending != Pending::None) return;
  a.pending_break = index;
  a.pending = Pending::Break;
  if (a.load == 0) return begin_break(agent);
  relist(agent);  // goes on break after the current contacts
}

void Model::Impl::begin_break(std::uint32_t agent) {
  Agent& a = agents[agent];
  const BreakSpec& br = s.agent_groups[a.group].breaks[a.pending_break];
  a.pending = Pending::None;
  tally.staffed_ms += span(a.staffed_since);
  n_available -= 1;
  a.status = AStatus::Break;
  relist(agent);
  Action status{ActionKind::SetStatus, now};
  status.user = agent;
  status.number = break_status[break_status_first[a.group] + a.pending_break];
  act(status);
  cal.push(now + br.length.count(), k(EventKind::BreakEnd), agent, 0);
}

void Model::Impl::on_break_end(std::uint32_t agent) {
  Agent& a = agents[agent];
  if (a.status != AStatus::Break) return;
  a.status = AStatus::Available;
  a.staffed_since = now;
  n_available += 1;
  Action status{ActionKind::SetStatus, now};
  status.user = agent;
  status.number = 0;
  act(status);
  agent_changed(agent);
}

void Model::Impl::logout(std::uint32_t agent) {
  Agent& a = agents[agent];
  if (a.status == AStatus::Available) {
    tally.staffed_ms += span(a.staffed_since);
    n_available -= 1;
  }
  a.status = AStatus::Offline;
  a.pending = Pending::None;
  relist(agent);
  Action close{ActionKind::CloseCcp, now};
  close.user = agent;
  act(close);
}

// ---- supervisors -----------------------------------------------------------------------

void Model::Impl::on_sup_shift_start(std::uint32_t sup, std::uint32_t day) {
  Supervisor& sp = sups[sup];
  const SupervisorGroupSpec& g = s.supervisor_groups[sp.group];
  schedule_shift(g.shift, sup, day, EventKind::SupShiftEnd, EventKind::SupShiftStart);
  if (sp.on_shift) return;
  sp.on_shift = true;
  Action open{ActionKind::OpenCcp, now};
  open.user = sp.user;
  act(open);
  Action available{ActionKind::SetStatus, now};
  available.user = sp.user;
  act(available);
}

void Model::Impl::on_sup_shift_end(std::uint32_t sup, std::uint32_t /*day*/) {
  Supervisor& sp = sups[sup];
  if (!sp.on_shift) return;
  sp.on_shift = false;
  // Closing the CCP ends every session (the domain records them as CCP_CLOSED).
  for (const WaitEntry& w : sp.sessions) {
    Contact& c = contacts[w.slot];
    if (c.gen != w.gen) continue;
    c.sup_state = SupState::None;
    c.sup = kNone;
  }
  sp.sessions.clear();
  sp.calls = sp.chats = 0;
  Action close{ActionKind::CloseCcp, now};
  close.user = sp.user;
  act(close);
}

void Model::Impl::plan_monitor(std::uint32_t slot) {
  Contact& c = contacts[slot];
  const std::uint32_t sup = agents[c.agent].sup;
  const SupervisorGroupSpec& g = s.supervisor_groups[sups[sup].group];
  if (g.monitor_share <= 0 || c.rng.uniform(draw::kMonitor) >= g.monitor_share) return;
  const std::int64_t at = now + to_ms(g.monitor_delay.quantile(c.rng.uniform(draw::kMonitorDelay)));
  if (at >= c.end_at) return;  // over before the supervisor got to it
  c.sup = sup;
  c.sup_state = SupState::Planned;
  cal.push(at, k(EventKind::Monitor), slot, c.gen);
}

void Model::Impl::on_monitor(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.sup_state != SupState::Planned) return;
  c.sup_state = SupState::None;
  if (c.state != CState::Connected && c.state != CState::OnHold) return;
  Supervisor& sp = sups[c.sup];
  const bool chat = queues[c.queue].chat;
  // Off shift, or already on a call / at their chat limit: they let this one go.
  if (!sp.on_shift || (chat ? sp.chats >= sp.chat_cap : sp.calls >= 1)) {
    c.sup = kNone;
    return;
  }
  // Monitoring rides on the recording; the supervisor cannot tell from the CCP.
  std::optional<RejectionCode> expected;
  if (!s.flows[c.flow].recording) expected = RejectionCode::RecordingDisabled;
  act_contact(ActionKind::Monitor, c, Who::Supervisor, sp.user, 0, expected);
  if (expected) {
    tally.predicted_rejections[static_cast<std::size_t>(*expected)] += 1;
    c.sup = kNone;
    return;
  }
  tally.monitor_sessions += 1;
  c.sup_state = SupState::Silent;
  sp.sessions.push_back({slot, c.gen});
  (chat ? sp.chats : sp.calls) += 1;

  const SupervisorGroupSpec& g = s.supervisor_groups[sp.group];
  c.listen_until = now + to_ms(g.listen_time.quantile(c.rng.uniform(draw::kListen)));
  const double u = c.rng.uniform(draw::kBarge);
  auto delay = [&] { return to_ms(g.barge_delay.quantile(c.rng.uniform(draw::kBargeDelay))); };
  std::int64_t barge_at = -1;
  if (!chat) {
    const std::int64_t long_ms = to_ms(g.long_contact_seconds);
    if (c.end_at - c.connect > long_ms && u < g.long_contact_barge_share) {
      barge_at = std::max(now + delay(), c.connect + long_ms);  // a long call draws them in
    } else if (u < g.barge_share) {
      barge_at = now + delay();
      if (barge_at >= c.listen_until) barge_at = -1;  // stopped listening first
    }
  } else if (u < g.consult_share) {
    barge_at = now + delay();
    if (barge_at >= c.listen_until) barge_at = -1;
  }
  if (barge_at >= 0 && barge_at < c.end_at) {
    cal.push(barge_at, k(EventKind::Barge), slot, c.gen);
  } else if (c.listen_until < c.end_at) {
    cal.push(c.listen_until, k(EventKind::StopListening), slot, c.gen);
  }
}

void Model::Impl::on_barge(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.sup_state != SupState::Silent) return;
  if (c.state != CState::Connected && c.state != CState::OnHold) return;
  Supervisor& sp = sups[c.sup];
  if (queues[c.queue].chat) {
    // Chats: the supervisor joins in consult mode and writes to the agent (internal).
    act_contact(ActionKind::Join, c, Who::Supervisor, sp.user);
    tally.consult_sessions += 1;
    c.sup_state = SupState::Joined;
    const std::int64_t at =
        now + to_ms(Distribution::exponential(20).quantile(c.rng.uniform(draw::kSupMessage)));
    if (at < c.end_at) cal.push(at, k(EventKind::SupervisorMessage), slot, c.gen);
    return;
  }
  std::optional<RejectionCode> expected;
  if (!sp.can_barge) expected = RejectionCode::PermissionDenied;
  act_contact(ActionKind::Barge, c, Who::Supervisor, sp.user, 0, expected);
  if (!expected) {
    tally.barge_sessions += 1;
    c.sup_state = SupState::Barged;  // stays on until the call ends
    return;
  }
  // Refused: they keep listening as before.
  tally.predicted_rejections[static_cast<std::size_t>(*expected)] += 1;
  const std::int64_t stop = std::max(now, c.listen_until);
  if (stop < c.end_at) cal.push(stop, k(EventKind::StopListening), slot, c.gen);
}

void Model::Impl::on_stop_listening(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.sup_state != SupState::Silent) return;
  Supervisor& sp = sups[c.sup];
  act_contact(ActionKind::StopMonitoring, c, Who::Supervisor, sp.user);
  detach(sp, slot);
  c.sup_state = SupState::None;
  c.sup = kNone;
}

void Model::Impl::on_supervisor_message(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.sup_state != SupState::Joined || c.state != CState::Connected) return;
  act_contact(ActionKind::Message, c, Who::Supervisor, sups[c.sup].user, 0);
  tally.messages += 1;
}

void Model::Impl::end_session(std::uint32_t slot) {
  Contact& c = contacts[slot];
  if (c.sup_state != SupState::Planned && c.sup != kNone) detach(sups[c.sup], slot);
  c.sup_state = SupState::None;
  c.sup = kNone;
}

void Model::Impl::detach(Supervisor& sp, std::uint32_t slot) {
  auto it = std::find_if(sp.sessions.begin(), sp.sessions.end(),
                         [&](const WaitEntry& w) { return w.slot == slot; });
  if (it == sp.sessions.end()) return;
  sp.sessions.erase(it);
  (queues[contacts[slot].queue].chat ? sp.chats : sp.calls) -= 1;
}

}  // namespace callwatch::sim
