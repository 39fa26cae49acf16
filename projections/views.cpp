#include <algorithm>

#include "projections/views.h"

namespace callwatch::projections {
namespace {

const std::string kEmpty;

const std::string& name_or_empty(const Interner& ids, std::uint32_t n) {
  return n == kNone ? kEmpty : ids.name(n);
}

std::vector<SupervisorOnContact> supervisors_of(const ReadModel& m, const LiveContact& c) {
  std::vector<SupervisorOnContact> out;
  out.reserve(c.sessions.size());
  for (const LiveSession& s : c.sessions)
    out.push_back({m.user_ids().name(s.supervisor), s.mode, s.message_mode, s.since, s.mode_since});
  return out;
}

template <class Row>
void sort_by(std::vector<Row>& rows, std::string Row::*key) {
  std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) { return a.*key < b.*key; });
}

bool in_conversation(ContactStatus s) {
  return s == ContactStatus::Connected || s == ContactStatus::OnHold;
}

// Routing capacity as decide() applies it to ConnectAgent (default routing profile, no
// cross-channel concurrency): a call needs an agent with nothing else; a chat needs one with
// no call and fewer chats than their concurrency. Wrap-up still occupies the slot.
bool has_free_slot(const ReadModel& m, const User& u, Channel ch) {
  int calls = 0, chats = 0;
  for (std::uint32_t c : u.contacts) (m.contact_slots()[c].channel == Channel::Voice ? calls : chats) += 1;
  if (ch == Channel::Voice) return calls + chats == 0;
  return calls == 0 && chats < u.chat_concurrency;
}

}  // namespace

ViewPoint view_point(const ReadModel& m, std::optional<Timestamp> now) {
  return ViewPoint{m.last_position(), m.events_applied(), now.value_or(m.clock())};
}

// ---- agents ------------------------------------------------------------------------------

std::vector<AgentRow> agents_view(const ReadModel& m, Timestamp now, bool all) {
  std::vector<AgentRow> rows;
  const auto& slots = m.contact_slots();
  for (std::uint32_t n = 0; n < m.users().size(); ++n) {
    const User& u = m.users()[n];
    if (!u.created) continue;
    if (!all && !u.ccp_open && u.contacts.empty() && u.watching.empty()) continue;
    AgentRow& r = rows.emplace_back();
    r.user = m.user_ids().name(n);
    r.status = m.statuses().name(u.status);
    r.status_since = u.status_since;
    r.activity = u.activity;
    r.activity_name = u.activity == Activity::Custom ? m.statuses().name(u.activity_status)
                                                     : std::string(to_string(u.activity));
    r.activity_since = u.activity_since;
    r.ccp_open = u.ccp_open;
    if (u.handled.day == utc_day(now)) r.handled_today = u.handled.by_channel;
    for (std::uint32_t slot : u.contacts) {
      const LiveContact& c = slots[slot];
      r.contacts_by_channel[static_cast<std::size_t>(c.channel)] += 1;
      r.contacts.push_back({c.id, c.channel, c.status, c.status_since, c.connected_at,
                            name_or_empty(m.queue_ids(), c.queue), supervisors_of(m, c)});
    }
    for (std::uint32_t slot : u.watching) {
      const LiveContact& c = slots[slot];
      for (const LiveSession& s : c.sessions)
        if (s.supervisor == n)
          r.watching.push_back({c.id, name_or_empty(m.user_ids(), c.agent), c.channel, s.mode,
                                s.message_mode, s.since});
    }
    sort_by(r.contacts, &AgentContact::contact);
    sort_by(r.watching, &AgentWatch::contact);
  }
  sort_by(rows, &AgentRow::user);
  return rows;
}

// ---- queues ------------------------------------------------------------------------------

QueueFigures figures_of(const QueueCounts& k) {
  QueueFigures f;
  f.handled = k.handled;
  f.abandoned = k.abandoned;
  if (k.handled > 0) f.average_speed_of_answer = Duration{k.wait_ms / k.handled};
  if (k.handled + k.abandoned > 0)
    f.service_level = static_cast<double>(k.handled_in_sl) / (k.handled + k.abandoned);
  return f;
}

std::vector<QueueRow> queues_view(const ReadModel& m, Timestamp now) {
  const auto& slots = m.contact_slots();
  const std::size_t nq = m.queues().size();
  // One pass over the agents: for each queue, who is on a contact of it or wrapping one up.
  std::vector<std::uint32_t> on_contact(nq, 0), wrap_up(nq, 0);
  std::array<std::uint32_t, 2> online{}, available{};
  std::vector<std::uint8_t> seen(nq, 0);  // per agent: 1 on contact, 2 wrap-up, for each queue
  for (const User& u : m.users()) {
    if (!u.created) continue;
    if (u.ccp_open) {
      for (Channel ch : {Channel::Voice, Channel::Chat}) {
        const auto i = static_cast<std::size_t>(ch);
        online[i] += 1;
        if (u.status == 1 && has_free_slot(m, u, ch)) available[i] += 1;
      }
    }
    if (u.contacts.empty()) continue;
    for (std::uint32_t slot : u.contacts) {
      const LiveContact& c = slots[slot];
      if (c.queue == kNone) continue;
      std::uint8_t& s = seen[c.queue];
      if (in_conversation(c.status)) s |= 1;
      else if (c.status == ContactStatus::AfterContactWork) s |= 2;
    }
    for (std::uint32_t slot : u.contacts) {
      const LiveContact& c = slots[slot];
      if (c.queue == kNone || seen[c.queue] == 0) continue;
      if (seen[c.queue] & 1) on_contact[c.queue] += 1;
      else wrap_up[c.queue] += 1;
      seen[c.queue] = 0;
    }
  }

  std::vector<QueueRow> rows;
  for (std::uint32_t n = 0; n < nq; ++n) {
    const Queue& q = m.queues()[n];
    if (!q.created && q.waiting == 0 && on_contact[n] == 0 && wrap_up[n] == 0) continue;
    QueueRow& r = rows.emplace_back();
    r.queue = m.queue_ids().name(n);
    r.channel = q.channel;
    r.in_queue = q.waiting;
    if (q.head != kNone) {
      r.oldest_contact = slots[q.head].id;
      r.oldest_age = std::max(Duration{0}, now - slots[q.head].queued_at);
    }
    const auto ch = static_cast<std::size_t>(q.channel);
    r.agents_online = online[ch];
    r.agents_available = available[ch];
    r.agents_on_contact = on_contact[n];
    r.agents_after_contact_work = wrap_up[n];
    r.window = figures_of(m.window_counts(q, now));
    r.today = figures_of(m.day_counts(q, now));
  }
  sort_by(rows, &QueueRow::queue);
  return rows;
}

// ---- conversations -----------------------------------------------------------------------

std::vector<ConversationRow> conversations_view(const ReadModel& m, Timestamp now) {
  std::vector<ConversationRow> rows;
  for (const LiveContact& c : m.contact_slots()) {
    if (!c.in_use) continue;
    if (!in_conversation(c.status) && c.status != ContactStatus::AfterContactWork) continue;
    ConversationRow& r = rows.emplace_back();
    r.contact = c.id;
    r.channel = c.channel;
    r.status = c.status;
    r.status_since = c.status_since;
    r.agent = name_or_empty(m.user_ids(), c.agent);
    r.queue = name_or_empty(m.queue_ids(), c.queue);
    r.customer = c.customer;
    r.recorded = c.recorded;
    if (c.queue != kNone) r.wait = c.connected_at - c.queued_at;
    r.connected_at = c.connected_at;
    const Timestamp end = c.status == ContactStatus::AfterContactWork ? c.ended_at : now;
    r.duration = std::max(Duration{0}, end - c.connected_at);
    r.holds = c.holds;
    r.held = c.held + (c.status == ContactStatus::OnHold ? std::max(Duration{0}, now - c.status_since)
                                                         : Duration{0});
    r.public_messages = c.public_messages;
    r.internal_messages = c.internal_messages;
    if (c.public_messages + c.internal_messages > 0) r.last_message_at = c.last_message_at;
    r.supervisors = supervisors_of(m, c);
  }
  sort_by(rows, &ConversationRow::contact);
  return rows;
}

}  // namespace callwatch::projections
