// decide(): administration, routing and contact handling. The supervision rules live in
// supervision.cpp; docs/rules.md lists every rule with its code.
#include "domain/decide.h"

#include <algorithm>

#include "domain/decide_support.h"

namespace callwatch {
namespace detail {
namespace {

std::unexpected<Rejection> as_rejection(Rejection r) { return std::unexpected(std::move(r)); }

// ---- administration: profiles, users, instance, routing ---------------------------------

RuleResult on(const State& s, Emitter out, const cmd::CreateSecurityProfile& c) {
  auto by = actor_with(s, c.by, Permission::EditSecurityProfiles, "edit security profiles");
  if (!by) return as_rejection(by.error());
  if (s.profiles.contains(c.profile))
    return reject(RejectionCode::AlreadyExists,
                  fmt::format("security profile '{}' already exists", c.profile.view()));
  out.emit<ev::SecurityProfileCreated>(c.by, c.profile, c.permissions);
  return out.done();
}

std::optional<Rejection> unknown_profile(const State& s, const std::vector<ProfileId>& profiles) {
  for (const auto& p : profiles)
    if (!s.profiles.contains(p))
      return Rejection{RejectionCode::UnknownProfile,
                       fmt::format("unknown security profile '{}'", p.view())};
  return std::nullopt;
}

RuleResult on(const State& s, Emitter out, const cmd::CreateUser& c) {
  if (auto u = user(s, c.by); !u) return as_rejection(u.error());
  if (auto r = unknown_profile(s, c.profiles)) return as_rejection(*r);
  if (auto by = actor_with(s, c.by, Permission::ManageUsers, "create users"); !by)
    return as_rejection(by.error());
  if (s.users.contains(c.user))
    return reject(RejectionCode::AlreadyExists, fmt::format("user '{}' already exists", c.user.view()));
  out.emit<ev::UserCreated>(c.by, c.user, c.profiles, c.chat_concurrency);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::AssignSecurityProfiles& c) {
  if (auto u = user(s, c.by); !u) return as_rejection(u.error());
  if (auto u = user(s, c.user); !u) return as_rejection(u.error());
  if (auto r = unknown_profile(s, c.profiles)) return as_rejection(*r);
  if (auto by = actor_with(s, c.by, Permission::ManageUsers, "assign security profiles"); !by)
    return as_rejection(by.error());
  out.emit<ev::SecurityProfilesAssigned>(c.by, c.user, c.profiles);
  // Revocation takes effect at once: sessions the new profiles no longer allow end.
  PermissionSet now;
  for (const auto& p : c.profiles) now |= s.profiles.at(p);
  stop_disallowed_sessions(s, out, c.user, now);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::SetInstanceAttribute& c) {
  if (auto by = actor_with(s, c.by, Permission::EditInstance, "edit instance attributes"); !by)
    return as_rejection(by.error());
  out.emit<ev::InstanceAttributeSet>(c.by, c.attribute, c.value);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::CreateQueue& c) {
  if (auto by = actor_with(s, c.by, Permission::ManageRouting, "create queues"); !by)
    return as_rejection(by.error());
  if (s.queues.contains(c.queue))
    return reject(RejectionCode::AlreadyExists, fmt::format("queue '{}' already exists", c.queue.view()));
  out.emit<ev::QueueCreated>(c.by, c.queue, c.channel);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::PublishContactFlow& c) {
  if (auto by = actor_with(s, c.by, Permission::ManageRouting, "publish contact flows"); !by)
    return as_rejection(by.error());
  out.emit<ev::ContactFlowPublished>(c.by, c.flow, c.recording);
  return out.done();
}

// ---- the CCP and agent status ------------------------------------------------------------

RuleResult on(const State& s, Emitter out, const cmd::OpenCcp& c) {
  auto u = actor_with(s, c.by, Permission::AccessCcp, "open the CCP");
  if (!u) return as_rejection(u.error());
  if ((*u)->ccp_open)
    return reject(RejectionCode::InvalidTransition,
                  fmt::format("user '{}' has the CCP open already", c.by.view()));
  out.emit<ev::CcpOpened>(c.by);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::CloseCcp& c) {
  auto u = user(s, c.by);
  if (!u) return as_rejection(u.error());
  if (!(*u)->ccp_open)
    return reject(RejectionCode::InvalidTransition,
                  fmt::format("user '{}' has not opened the CCP", c.by.view()));
  // An agent's own conversations (wrap-up included) must finish before they log out.
  if (!(*u)->contacts.empty())
    return reject(RejectionCode::InvalidTransition,
                  fmt::format("user '{}' still has {} contact(s), first {}: finish them before "
                              "closing the CCP",
                              c.by.view(), (*u)->contacts.size(), (*u)->contacts.front().view()));
  for (const auto& watched : (*u)->watching)
    out.emit<ev::MonitoringStopped>(watched, c.by, StopReason::CcpClosed);
  out.emit<ev::CcpClosed>(c.by);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::SetAgentStatus& c) {
  auto u = user(s, c.by);
  if (!u) return as_rejection(u.error());
  if (!(*u)->ccp_open)
    return reject(RejectionCode::CcpNotOpen,
                  fmt::format("user '{}' has not opened the CCP: open it before setting a status",
                              c.by.view()));
  out.emit<ev::AgentStatusChanged>(c.by, c.status);
  return out.done();
}

// ---- contacts: routing and handling ------------------------------------------------------

RuleResult on(const State& s, Emitter out, const cmd::StartContact& c) {
  auto q = s.queues.find(c.queue);
  if (q == s.queues.end())
    return reject(RejectionCode::UnknownQueue, fmt::format("unknown queue '{}'", c.queue.view()));
  auto f = s.flows.find(c.flow);
  if (f == s.flows.end())
    return reject(RejectionCode::UnknownFlow, fmt::format("unknown contact flow '{}'", c.flow.view()));
  if (s.contacts.contains(c.contact))
    return reject(RejectionCode::AlreadyExists,
                  fmt::format("contact '{}' already exists", c.contact.view()));
  if (q->second.channel != c.channel)
    return reject(RejectionCode::ChannelMismatch,
                  fmt::format("queue '{}' takes {} contacts, contact {} is {}", c.queue.view(),
                              to_string(q->second.channel), c.contact.view(), to_string(c.channel)));
  out.emit<ev::ContactInitiated>(c.contact, c.channel, c.flow, c.customer);
  // Recording is switched on by the flow's "Set call recording" block, as the contact runs it.
  if (f->second.recording) out.emit<ev::RecordingEnabled>(c.contact);
  out.emit<ev::ContactQueued>(c.contact, c.queue);
  return out.done();
}

// Routing capacity, as Amazon Connect's default routing profile (no cross-channel
// concurrency): a call needs an agent with no other contact; a chat needs one with no call
// and fewer chats than their chat concurrency. Wrap-up still occupies the slot.
std::optional<std::string> no_capacity(const State& s, const UserState& agent, Channel ch) {
  int calls = 0;
  int chats = 0;
  for (const auto& id : agent.contacts) {
    const ContactState* c = find(s, id);
    if (!c) continue;
    (c->channel == Channel::Voice ? calls : chats) += 1;
  }
  if (ch == Channel::Voice && calls + chats > 0)
    return fmt::format("has {} contact(s) already", calls + chats);
  if (ch == Channel::Chat && calls > 0) return std::string("is on a call");
  if (ch == Channel::Chat && chats >= agent.chat_concurrency)
    return fmt::format("has {} of {} chats", chats, agent.chat_concurrency);
  return std::nullopt;
}

RuleResult on(const State& s, Emitter out, const cmd::ConnectAgent& c) {
  auto contact_state = contact(s, c.contact);
  if (!contact_state) return as_rejection(contact_state.error());
  auto agent = user(s, c.agent);
  if (!agent) return as_rejection(agent.error());
  const ContactState& k = **contact_state;
  if (k.status != ContactStatus::Queued)
    return reject(RejectionCode::InvalidTransition,
                  fmt::format("contact {} is {}: only a queued contact is connected to an agent",
                              c.contact.view(), to_string(k.status)));
  const UserState& a = **agent;
  if (!a.ccp_open || a.status != kStatusAvailable)
    return reject(RejectionCode::AgentUnavailable,
                  fmt::format("agent '{}' is not Available (status {}{})", c.agent.view(), a.status,
                              a.ccp_open ? "" : ", CCP closed"));
  if (auto why = no_capacity(s, a, k.channel))
    return reject(RejectionCode::AgentUnavailable,
                  fmt::format("agent '{}' {}", c.agent.view(), *why));
  out.emit<ev::AgentConnected>(c.contact, c.agent);
  return out.done();
}

// Hold, resume, end and wrap-up are the contact's agent's actions.
Found<ContactState> own_contact(const State& s, const ContactId& id, const UserId& by) {
  auto c = contact(s, id);
  if (!c) return c;
  if (auto u = user(s, by); !u) return std::unexpected(u.error());
  if ((*c)->agent != by)
    return reject(RejectionCode::NotContactAgent,
                  fmt::format("contact {} is not assigned to '{}'", id.view(), by.view()));
  return c;
}

std::unexpected<Rejection> wrong_state(const ContactId& id, const ContactState& c,
                                       std::string_view needs) {
  return reject(RejectionCode::InvalidTransition,
                fmt::format("contact {} is {}: {}", id.view(), to_string(c.status), needs));
}

RuleResult on(const State& s, Emitter out, const cmd::HoldContact& c) {
  auto k = own_contact(s, c.contact, c.by);
  if (!k) return as_rejection(k.error());
  if ((*k)->channel != Channel::Voice)
    return reject(RejectionCode::ChannelMismatch,
                  fmt::format("contact {} is a chat: only calls are put on hold", c.contact.view()));
  if ((*k)->status != ContactStatus::Connected)
    return wrong_state(c.contact, **k, "only a connected call can be put on hold");
  out.emit<ev::ContactHeld>(c.contact);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::ResumeContact& c) {
  auto k = own_contact(s, c.contact, c.by);
  if (!k) return as_rejection(k.error());
  if ((*k)->status != ContactStatus::OnHold)
    return wrong_state(c.contact, **k, "only a call on hold can be resumed");
  out.emit<ev::ContactResumed>(c.contact);
  return out.done();
}

// Every supervision session on the contact ends with it.
void stop_all_sessions(Emitter& out, const ContactId& id, const ContactState& c) {
  for (const auto& session : c.sessions)
    out.emit<ev::MonitoringStopped>(id, session.supervisor, StopReason::ContactEnded);
}

RuleResult on(const State& s, Emitter out, const cmd::EndContact& c) {
  auto k = c.by.is_customer() ? contact(s, c.contact) : own_contact(s, c.contact, c.by.user);
  if (!k) return as_rejection(k.error());
  const ContactState& contact_state = **k;
  if (contact_state.status != ContactStatus::Connected && contact_state.status != ContactStatus::OnHold)
    return wrong_state(c.contact, contact_state,
                       "only a connected conversation can be ended (a queued one is abandoned)");
  stop_all_sessions(out, c.contact, contact_state);
  out.emit<ev::ContactEnded>(c.contact, c.by);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::CompleteWrapUp& c) {
  auto k = own_contact(s, c.contact, c.by);
  if (!k) return as_rejection(k.error());
  if ((*k)->status != ContactStatus::AfterContactWork)
    return wrong_state(c.contact, **k, "only a contact in after-contact work can complete it");
  stop_all_sessions(out, c.contact, **k);  // chats may be read during wrap-up
  out.emit<ev::WrapUpCompleted>(c.contact);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::AbandonContact& c) {
  auto k = contact(s, c.contact);
  if (!k) return as_rejection(k.error());
  if ((*k)->status != ContactStatus::Queued && (*k)->status != ContactStatus::Initiated)
    return wrong_state(c.contact, **k, "only a contact waiting in queue can be abandoned");
  out.emit<ev::ContactAbandoned>(c.contact);
  return out.done();
}

// ---- supervision: see supervision.cpp ----------------------------------------------------

RuleResult on(const State& s, Emitter out, const cmd::MonitorContact& c) {
  if (c.mode == MonitorMode::Consult)
    return reject(RejectionCode::InvalidCommand,
                  "MonitorContact mode must be SILENT or BARGE (use JoinConversation to consult)");
  return decide_monitor(s, out, c);
}
RuleResult on(const State& s, Emitter out, const cmd::SetMonitorMode& c) {
  if (c.mode == MonitorMode::Consult)
    return reject(RejectionCode::InvalidCommand,
                  "SetMonitorMode mode must be SILENT or BARGE (use JoinConversation to consult)");
  return decide_set_mode(s, out, c);
}
RuleResult on(const State& s, Emitter out, const cmd::JoinConversation& c) {
  return decide_join(s, out, c);
}
RuleResult on(const State& s, Emitter out, const cmd::StopMonitoring& c) {
  return decide_stop(s, out, c);
}
RuleResult on(const State& s, Emitter out, const cmd::SendMessage& c) {
  return decide_message(s, out, c);
}

// ---- recorded conversations ----------------------------------------------------------------

RuleResult on(const State& s, Emitter out, const cmd::AccessRecording& c) {
  const bool download = c.access == RecordingAccess::Download;
  auto u = actor_with(s, c.by,
                      download ? Permission::RecordedConversationsDownload
                               : Permission::RecordedConversationsAccess,
                      download ? "download recordings" : "search or listen to recordings");
  if (!u) return as_rejection(u.error());
  if (c.access == RecordingAccess::Search) {
    if (!c.contact.empty())
      return reject(RejectionCode::InvalidCommand,
                    "a SEARCH names no contact: give 'search', not 'contact'");
    out.emit<ev::RecordingAccessed>(c.by, c.access, ContactId{}, c.search);
    return out.done();
  }
  if (c.contact.empty())
    return reject(RejectionCode::InvalidCommand,
                  fmt::format("{} needs field 'contact'", to_string(c.access)));
  auto k = contact(s, c.contact);
  if (!k) return as_rejection(k.error());
  if (!(*k)->recorded)
    return reject(RejectionCode::RecordingDisabled,
                  fmt::format("contact {} was not recorded", c.contact.view()));
  out.emit<ev::RecordingAccessed>(c.by, c.access, c.contact, std::string{});
  return out.done();
}

// ---- API tokens ------------------------------------------------------------------------

RuleResult on(const State& s, Emitter out, const cmd::IssueToken& c) {
  if (!cmd::is_token_id(c.token.view()))
    return reject(RejectionCode::InvalidCommand,
                  fmt::format("field 'token' must be {} lowercase hex digits", cmd::kTokenIdLength));
  if (!cmd::is_lower_hex(c.secret_sha256, cmd::kSecretSha256Length))
    return reject(RejectionCode::InvalidCommand,
                  fmt::format("field 'secretSha256' must be {} lowercase hex digits (a SHA-256)",
                              cmd::kSecretSha256Length));
  if (c.expires_at <= out.at)
    return reject(RejectionCode::InvalidCommand,
                  "field 'expiresAt' must be after the command's time");
  if (auto u = user(s, c.by); !u) return as_rejection(u.error());
  if (auto u = user(s, c.user); !u) return as_rejection(u.error());
  if (auto by = actor_with(s, c.by, Permission::ManageUsers, "issue tokens"); !by)
    return as_rejection(by.error());
  if (s.tokens.contains(c.token))
    return reject(RejectionCode::AlreadyExists,
                  fmt::format("token '{}' already exists", c.token.view()));
  out.emit<ev::TokenIssued>(c.by, c.token, c.user, c.expires_at, c.secret_sha256);
  return out.done();
}

RuleResult on(const State& s, Emitter out, const cmd::RevokeToken& c) {
  if (auto u = user(s, c.by); !u) return as_rejection(u.error());
  auto t = s.tokens.find(c.token);
  if (t == s.tokens.end())
    return reject(RejectionCode::UnknownToken, fmt::format("unknown token '{}'", c.token.view()));
  // Anyone may end their own token (a leaked one must not wait for an administrator).
  if (t->second.user != c.by)
    if (auto by = actor_with(s, c.by, Permission::ManageUsers, "revoke another user's token"); !by)
      return as_rejection(by.error());
  if (t->second.revoked)
    return reject(RejectionCode::TokenAlreadyRevoked,
                  fmt::format("token '{}' is revoked already", c.token.view()));
  out.emit<ev::TokenRevoked>(c.by, c.token, t->second.user);
  return out.done();
}

}  // namespace
}  // namespace detail

namespace cmd {
bool is_lower_hex(std::string_view s, std::size_t length) {
  if (s.size() != length) return false;
  for (char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}
}  // namespace cmd

std::expected<void, Rejection> decide_into(const State& state, const Command& command, std::vector<Event>& out) {
  out.clear();
  detail::Emitter emitter{command.at.value_or(state.clock), &out};
  detail::RuleResult outcome = std::visit([&](const auto& c) { return detail::on(state, emitter, c); },
                               command.body);
  if (!outcome) out.clear();
  return outcome;
}

Decision decide(const State& state, const Command& command) {
  std::vector<Event> events;
  // Most decisions emit one to three events; one allocation instead of growing 1, 2, 4.
  events.reserve(4);
  if (auto outcome = decide_into(state, command, events); !outcome)
    return std::unexpected(std::move(outcome.error()));
  return events;
}

}  // namespace callwatch
