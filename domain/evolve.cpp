#include "domain/evolve.h"

#include <algorithm>
#include <type_traits>

namespace callwatch {
namespace {

template <class T>
void erase_value(std::vector<T>& v, const T& value) {
  auto it = std::find(v.begin(), v.end(), value);
  if (it != v.end()) v.erase(it);
}

PermissionSet union_of(const State& s, const std::vector<ProfileId>& profiles) {
  PermissionSet p;
  for (const auto& id : profiles)
    if (auto it = s.profiles.find(id); it != s.profiles.end()) p |= it->second;
  return p;
}

struct Apply {
  State& s;
  Timestamp at;

  ContactState* contact(const ContactId& id) {
    auto it = s.contacts.find(id);
    return it == s.contacts.end() ? nullptr : &it->second;
  }
  UserState* user(const UserId& id) {
    auto it = s.users.find(id);
    return it == s.users.end() ? nullptr : &it->second;
  }

  void operator()(const ev::SecurityProfileCreated& e) { s.profiles[e.profile] = e.permissions; }
  void operator()(const ev::UserCreated& e) {
    UserState& u = s.users[e.user];
    u.profiles = e.profiles;
    u.permissions = union_of(s, e.profiles);
    u.chat_concurrency = e.chat_concurrency;
  }
  void operator()(const ev::SecurityProfilesAssigned& e) {
    if (UserState* u = user(e.user)) {
      u->profiles = e.profiles;
      u->permissions = union_of(s, e.profiles);
    }
  }
  void operator()(const ev::InstanceAttributeSet& e) {
    apply_attribute(s.instance, e);
  }
  void operator()(const ev::QueueCreated& e) { s.queues[e.queue] = QueueState{e.channel}; }
  void operator()(const ev::ContactFlowPublished& e) { s.flows[e.flow] = FlowState{e.recording}; }
  void operator()(const ev::CcpOpened& e) {
    if (UserState* u = user(e.user)) {
      u->ccp_open = true;
      u->status = kStatusOffline;
    }
  }
  void operator()(const ev::CcpClosed& e) {
    if (UserState* u = user(e.user)) {
      u->ccp_open = false;
      u->status = kStatusOffline;
    }
  }
  void operator()(const ev::AgentStatusChanged& e) {
    if (UserState* u = user(e.user)) u->status = e.status;
  }
  void operator()(const ev::ContactInitiated& e) {
    ContactState& c = s.contacts[e.contact];
    c.channel = e.channel;
    c.status = ContactStatus::Initiated;
    c.flow = e.flow;
  }
  void operator()(const ev::RecordingEnabled& e) {
    if (ContactState* c = contact(e.contact)) c->recorded = true;
  }
  void operator()(const ev::ContactQueued& e) {
    if (ContactState* c = contact(e.contact)) {
      c->status = ContactStatus::Queued;
      c->queue = e.queue;
    }
  }
  void operator()(const ev::AgentConnected& e) {
    ContactState* c = contact(e.contact);
    if (!c) return;
    c->status = ContactStatus::Connected;
    c->agent = e.agent;
    if (UserState* u = user(e.agent)) u->contacts.push_back(e.contact);
  }
  void operator()(const ev::ContactHeld& e) {
    if (ContactState* c = contact(e.contact)) c->status = ContactStatus::OnHold;
  }
  void operator()(const ev::ContactResumed& e) {
    if (ContactState* c = contact(e.contact)) c->status = ContactStatus::Connected;
  }
  void operator()(const ev::ContactEnded& e) {
    if (ContactState* c = contact(e.contact)) c->status = ContactStatus::AfterContactWork;
  }
  void operator()(const ev::WrapUpCompleted& e) {
    ContactState* c = contact(e.contact);
    if (!c) return;
    c->status = ContactStatus::Completed;
    if (UserState* u = user(c->agent)) erase_value(u->contacts, e.contact);
    std::vector<SupervisionSession>{}.swap(c->sessions);  // finished contacts keep no capacity
  }
  void operator()(const ev::ContactAbandoned& e) {
    if (ContactState* c = contact(e.contact)) c->status = ContactStatus::Abandoned;
  }
  void operator()(const ev::TokenIssued& e) { s.tokens[e.token] = TokenState{e.user, false}; }
  void operator()(const ev::TokenRevoked& e) {
    if (auto it = s.tokens.find(e.token); it != s.tokens.end()) it->second.revoked = true;
  }
  void operator()(const ev::RecordingAccessed&) {}  // an audit fact: no decision depends on it
  void operator()(const ev::FindingRecorded&) {}  // an audit mark: no decision depends on it
  void operator()(const ev::MessageSent&) {}  // transcripts are a read model, not decision state
  void operator()(const ev::MonitoringStarted& e) {
    ContactState* c = contact(e.contact);
    if (!c) return;
    c->sessions.push_back({e.supervisor, e.mode, MessageMode::Internal, at});
    if (UserState* u = user(e.supervisor)) u->watching.push_back(e.contact);
  }
  void operator()(const ev::MonitorModeChanged& e) {
    if (SupervisionSession* session = session_of(e.contact, e.supervisor)) session->mode = e.mode;
  }
  void operator()(const ev::ConversationJoined& e) {
    if (SupervisionSession* session = session_of(e.contact, e.supervisor)) {
      session->mode = MonitorMode::Consult;
      session->message_mode = e.message_mode;
      return;
    }
    ContactState* c = contact(e.contact);
    if (!c) return;
    c->sessions.push_back({e.supervisor, MonitorMode::Consult, e.message_mode, at});
    if (UserState* u = user(e.supervisor)) u->watching.push_back(e.contact);
  }
  void operator()(const ev::MonitoringStopped& e) {
    if (ContactState* c = contact(e.contact)) {
      auto it = std::find_if(c->sessions.begin(), c->sessions.end(),
                             [&](const SupervisionSession& x) { return x.supervisor == e.supervisor; });
      if (it != c->sessions.end()) c->sessions.erase(it);
    }
    if (UserState* u = user(e.supervisor)) erase_value(u->watching, e.contact);
  }

  SupervisionSession* session_of(const ContactId& contact_id, const UserId& supervisor) {
    ContactState* c = contact(contact_id);
    if (!c) return nullptr;
    for (auto& session : c->sessions)
      if (session.supervisor == supervisor) return &session;
    return nullptr;
  }
};

}  // namespace

void apply_attribute(InstanceState& i, const ev::InstanceAttributeSet& e) {
  switch (e.attribute) {
    case InstanceAttribute::EnhancedContactMonitoring:
      i.enhanced_contact_monitoring = e.value.value_or(0) != 0;
      break;
    case InstanceAttribute::EnhancedChatMonitoring:
      i.enhanced_chat_monitoring = e.value.value_or(0) != 0;
      break;
    case InstanceAttribute::MaxSupervisorsPerContact:
      i.max_supervisors_per_contact = e.value;
      break;
    case InstanceAttribute::MaxSupervisorsBarged:
      i.max_supervisors_barged = e.value;
      break;
  }
}

void evolve(State& state, const Event& event) {
  if (event.at > state.clock) state.clock = event.at;
  std::visit(Apply{state, event.at}, event.body);
}

}  // namespace callwatch
