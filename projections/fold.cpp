// The fold: how each event moves the read models (see model.h for the contract).
#include <algorithm>

#include "domain/evolve.h"
#include "projections/model.h"

namespace callwatch::projections {
namespace {

template <class T>
void erase_first(std::vector<T>& v, const T& value) {
  auto it = std::find(v.begin(), v.end(), value);
  if (it != v.end()) v.erase(it);
}

void count_daily(DailyCount& d, Timestamp at, Channel ch) {
  const std::int32_t day = utc_day(at);
  if (day > d.day) {
    d.day = day;
    d.by_channel = {};
  }
  d.by_channel[static_cast<std::size_t>(ch)] += 1;
}

}  // namespace

struct ReadModel::Fold {
  ReadModel& m;
  Position pos;
  Timestamp at;

  std::uint32_t created_user(const UserId& id) const {
    const std::uint32_t u = m.user_ids_.find(id.view(), id.hash());
    return (u != kNone && m.users_[u].created) ? u : kNone;
  }
  LiveContact* contact(const ContactId& id, std::uint32_t* slot_out = nullptr) const {
    const std::uint32_t slot = m.find_contact(id.view(), id.hash());
    if (slot_out) *slot_out = slot;
    return slot == kNone ? nullptr : &m.contacts_[slot];
  }
  PermissionSet union_of(const std::vector<std::uint32_t>& profiles) const {
    PermissionSet p;
    for (std::uint32_t n : profiles)
      if (m.profiles_[n].created) p |= m.profiles_[n].permissions;
    return p;
  }
  void set_profiles(std::uint32_t u, const std::vector<ProfileId>& ids) {
    // Intern first: profile() may grow profiles_, never users_.
    std::vector<std::uint32_t>& list = m.users_[u].profiles;
    list.clear();
    for (const auto& p : ids) list.push_back(m.profile(p));
    m.users_[u].permissions = union_of(list);
  }
  void set_status(std::uint32_t u, std::uint32_t status) {
    User& user = m.users_[u];
    if (user.status != status) {
      user.status = status;
      user.status_since = at;
    }
    m.refresh_activity(u, at);
  }
  void set_contact_status(LiveContact& c, ContactStatus s) {
    if (c.status == ContactStatus::OnHold) c.held += at - c.status_since;
    c.status = s;
    c.status_since = at;
  }
  void refresh_agent(const LiveContact& c) {
    if (c.agent != kNone) m.refresh_activity(c.agent, at);
  }
  LiveSession* session_of(LiveContact& c, std::uint32_t supervisor) const {
    for (auto& s : c.sessions)
      if (s.supervisor == supervisor) return &s;
    return nullptr;
  }
  // Ends what a finishing contact still holds (sessions never outlive their contact), and
  // gives the slot back.
  void finish(std::uint32_t slot) {
    LiveContact& c = m.contacts_[slot];
    for (const LiveSession& s : c.sessions) {
      // Only a foreign log finishes a contact with sessions still open: decide() stops them.
      if (m.observer_) m.observer_->stopped(m, pos, at, c, s, StopReason::ContactEnded);
      erase_first(m.users_[s.supervisor].watching, slot);
      m.refresh_activity(s.supervisor, at);
    }
    c.sessions.clear();
    if (c.agent != kNone) {
      erase_first(m.users_[c.agent].contacts, slot);
      m.refresh_activity(c.agent, at);
    }
    m.free_contact(slot);
  }

  void operator()(const ev::SecurityProfileCreated& e) {
    Profile& p = m.profiles_[m.profile(e.profile)];
    p.created = true;
    p.permissions = e.permissions;
  }
  void operator()(const ev::UserCreated& e) {
    const std::uint32_t u = m.user(e.user);
    if (!m.users_[u].created) m.users_[u].status_since = m.users_[u].activity_since = at;
    m.users_[u].created = true;
    m.users_[u].chat_concurrency = e.chat_concurrency;
    set_profiles(u, e.profiles);
  }
  void operator()(const ev::SecurityProfilesAssigned& e) {
    if (const std::uint32_t u = created_user(e.user); u != kNone) set_profiles(u, e.profiles);
  }
  void operator()(const ev::InstanceAttributeSet& e) {
    apply_attribute(m.instance_, e);
  }
  void operator()(const ev::QueueCreated& e) {
    Queue& q = m.queues_[m.queue(e.queue)];
    q.created = true;
    q.channel = e.channel;
  }
  void operator()(const ev::ContactFlowPublished& e) {
    Flow& f = m.flows_[m.flow(e.flow)];
    f.created = true;
    f.recording = e.recording;
  }
  void operator()(const ev::CcpOpened& e) {
    if (const std::uint32_t u = created_user(e.user); u != kNone) {
      m.users_[u].ccp_open = true;
      set_status(u, 0);  // the CCP opens Offline; the agent then picks a status
    }
  }
  void operator()(const ev::CcpClosed& e) {
    if (const std::uint32_t u = created_user(e.user); u != kNone) {
      m.users_[u].ccp_open = false;
      set_status(u, 0);
    }
  }
  void operator()(const ev::AgentStatusChanged& e) {
    if (const std::uint32_t u = created_user(e.user); u != kNone)
      set_status(u, m.statuses_.intern(e.status));
  }
  void operator()(const ev::ContactInitiated& e) {
    std::uint32_t slot;
    if (LiveContact* again = contact(e.contact, &slot)) {  // a reused id: as evolve does
      m.unlink_from_queue(slot);
      again->channel = e.channel;
      set_contact_status(*again, ContactStatus::Initiated);
      again->flow = m.flow(e.flow);
      return;
    }
    const std::uint32_t f = m.flow(e.flow);
    slot = m.add_contact(e.contact);
    LiveContact& c = m.contacts_[slot];
    c.customer.assign(e.customer);
    c.channel = e.channel;
    c.flow = f;
    c.initiated_at = c.status_since = at;
  }
  void operator()(const ev::RecordingEnabled& e) {
    if (LiveContact* c = contact(e.contact)) c->recorded = true;
  }
  void operator()(const ev::ContactQueued& e) {
    std::uint32_t slot;
    if (!contact(e.contact, &slot)) return;
    m.unlink_from_queue(slot);
    const std::uint32_t qn = m.queue(e.queue);
    LiveContact& c = m.contacts_[slot];
    Queue& q = m.queues_[qn];
    c.queue = qn;
    set_contact_status(c, ContactStatus::Queued);
    c.queued_at = at;
    c.queue_prev = q.tail;
    c.queue_next = kNone;
    (q.tail == kNone ? q.head : m.contacts_[q.tail].queue_next) = slot;
    q.tail = slot;
    q.waiting += 1;
  }
  void operator()(const ev::AgentConnected& e) {
    std::uint32_t slot;
    if (!contact(e.contact, &slot)) return;
    const std::uint32_t a = m.user(e.agent);
    LiveContact& c = m.contacts_[slot];
    if (c.status == ContactStatus::Queued && c.queue != kNone) {
      m.unlink_from_queue(slot);
      Queue& q = m.queues_[c.queue];
      const std::int64_t wait = (at - c.queued_at).count();
      const bool in_sl = at - c.queued_at <= m.options_.service_level_threshold;
      m.count_day(q, at);
      for (QueueCounts* k : {&q.today, &m.bucket(q, at)}) {
        k->handled += 1;
        k->handled_in_sl += in_sl ? 1 : 0;
        k->wait_ms += wait;
      }
    }
    set_contact_status(c, ContactStatus::Connected);
    c.agent = a;
    c.connected_at = at;
    User& agent = m.users_[a];
    if (agent.created) {
      agent.contacts.push_back(slot);
      count_daily(agent.handled, at, c.channel);
    }
    m.refresh_activity(a, at);
  }
  void operator()(const ev::ContactHeld& e) {
    if (LiveContact* c = contact(e.contact)) {
      set_contact_status(*c, ContactStatus::OnHold);
      c->holds += 1;
    }
  }
  void operator()(const ev::ContactResumed& e) {
    if (LiveContact* c = contact(e.contact)) set_contact_status(*c, ContactStatus::Connected);
  }
  void operator()(const ev::ContactEnded& e) {
    std::uint32_t slot;
    LiveContact* c = contact(e.contact, &slot);
    if (!c) return;
    m.unlink_from_queue(slot);
    set_contact_status(*c, ContactStatus::AfterContactWork);
    c->ended_at = at;
    refresh_agent(*c);
  }
  void operator()(const ev::WrapUpCompleted& e) {
    std::uint32_t slot;
    if (!contact(e.contact, &slot)) return;
    finish(slot);
  }
  void operator()(const ev::ContactAbandoned& e) {
    std::uint32_t slot;
    LiveContact* c = contact(e.contact, &slot);
    if (!c) return;
    if (c->status == ContactStatus::Queued && c->queue != kNone) {
      m.unlink_from_queue(slot);
      Queue& q = m.queues_[c->queue];
      m.count_day(q, at);
      q.today.abandoned += 1;
      m.bucket(q, at).abandoned += 1;
    }
    finish(slot);
  }
  void operator()(const ev::MessageSent& e) {
    if (LiveContact* c = contact(e.contact)) {
      (e.visibility == Visibility::Public ? c->public_messages : c->internal_messages) += 1;
      c->last_message_at = at;
    }
  }
  void start(const ContactId& id, const UserId& supervisor, MonitorMode mode, MessageMode mm) {
    std::uint32_t slot;
    if (!contact(id, &slot)) return;
    const std::uint32_t s = m.user(supervisor);
    LiveContact& c = m.contacts_[slot];
    c.sessions.push_back(LiveSession{s, mode, mm, at, at, pos});
    if (m.observer_) m.observer_->started(m, pos, at, c, c.sessions.back());
    if (m.users_[s].created) {
      m.users_[s].watching.push_back(slot);
      m.refresh_activity(s, at);
    }
  }
  void change(const ContactId& id, const UserId& supervisor, MonitorMode mode,
              std::optional<MessageMode> mm) {
    LiveContact* c = contact(id);
    const std::uint32_t s = m.user_ids_.find(supervisor.view(), supervisor.hash());
    LiveSession* session = (c && s != kNone) ? session_of(*c, s) : nullptr;
    if (!session) return;
    session->mode = mode;
    if (mm) session->message_mode = *mm;
    session->mode_since = at;
    if (m.observer_) m.observer_->changed(m, pos, at, *c, *session);
    m.refresh_activity(s, at);
  }
  void operator()(const ev::MonitoringStarted& e) {
    start(e.contact, e.supervisor, e.mode, MessageMode::Internal);
  }
  void operator()(const ev::MonitorModeChanged& e) { change(e.contact, e.supervisor, e.mode, std::nullopt); }
  void operator()(const ev::ConversationJoined& e) {
    LiveContact* c = contact(e.contact);
    const std::uint32_t s = m.user_ids_.find(e.supervisor.view(), e.supervisor.hash());
    if (c && s != kNone && session_of(*c, s))
      change(e.contact, e.supervisor, MonitorMode::Consult, e.message_mode);
    else
      start(e.contact, e.supervisor, MonitorMode::Consult, e.message_mode);
  }
  void operator()(const ev::MonitoringStopped& e) {
    const std::uint32_t s = m.user_ids_.find(e.supervisor.view(), e.supervisor.hash());
    if (s == kNone) return;
    std::uint32_t slot;
    if (LiveContact* c = contact(e.contact, &slot)) {
      auto it = std::find_if(c->sessions.begin(), c->sessions.end(),
                             [&](const LiveSession& x) { return x.supervisor == s; });
      if (it != c->sessions.end()) {
        if (m.observer_) m.observer_->stopped(m, pos, at, *c, *it, e.reason);
        c->sessions.erase(it);
      }
      erase_first(m.users_[s].watching, slot);
    }
    m.refresh_activity(s, at);
  }
  void operator()(const ev::RecordingAccessed& e) {
    if (m.observer_) m.observer_->accessed(m, pos, at, e);  // the audit trail only
  }
  // Any other event (TokenIssued, ...) moves no live read model: a new event needs a line
  // here only if a read model reacts to it.
  template <class E>
  void operator()(const E&) {}
};

void ReadModel::apply(Position position, const Event& event) {
  ++events_;
  last_position_ = position;
  if (event.at > clock_) clock_ = event.at;
  std::visit(Fold{*this, position, event.at}, event.body);
}

}  // namespace callwatch::projections
