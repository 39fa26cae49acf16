// The rules of live supervision: monitor, barge, join, toggle, stop, and who may write in a
// chat. Checked in the order of docs/rules.md: unknown references first, then
//   PERMISSION_DENIED, CCP_NOT_OPEN, RECORDING_DISABLED, ENHANCED_MONITORING_DISABLED,
//   CONTACT_NOT_ACTIVE, OWN_CONTACT, MONITOR_LIMIT_REACHED, BARGE_LIMIT_REACHED,
//   ALREADY_MONITORING / NOT_MONITORING.
#include <algorithm>

#include "domain/decide_support.h"

namespace callwatch {
namespace detail {
namespace {

// What the supervisor asks to become on the conversation.
struct Wanted {
  MonitorMode mode = MonitorMode::Silent;
  MessageMode message_mode = MessageMode::Internal;

  [[nodiscard]] bool speaks() const { return speaks_to_customer({UserId{}, mode, message_mode, {}}); }
  [[nodiscard]] bool participates() const { return mode != MonitorMode::Silent; }
};

std::string_view channel_noun(Channel ch) { return ch == Channel::Voice ? "call" : "chat"; }

bool active_for_monitoring(const ContactState& c) {
  switch (c.status) {
    case ContactStatus::Connected:
    case ContactStatus::OnHold:
      return true;
    case ContactStatus::AfterContactWork:  // a chat can still be read while in wrap-up
      return c.channel == Channel::Chat;
    default:
      return false;
  }
}

int count_speaking_others(const ContactState& c, const UserId& user) {
  return static_cast<int>(std::count_if(c.sessions.begin(), c.sessions.end(), [&](const auto& s) {
    return s.supervisor != user && speaks_to_customer(s);
  }));
}

// The table's rules from PERMISSION_DENIED to BARGE_LIMIT_REACHED, for `user` wanting `w` on
// `contact`; `existing` is their current session there, if any; `newcomer` is false for a
// change of mode within a session. Session-state rules
// (ALREADY_MONITORING / NOT_MONITORING) belong to each command and come after.
std::optional<Rejection> check_rules(const State& s, const UserId& uid, const UserState& u,
                                     const ContactId& cid, const ContactState& c, Wanted w,
                                     const SupervisionSession* existing, bool newcomer) {
  auto no = [](RejectionCode code, std::string reason) {
    return std::optional<Rejection>(Rejection{code, std::move(reason)});
  };
  // Listening needs real-time monitoring; speaking to the customer also needs barge-in.
  if (!u.permissions.has(Permission::RealTimeContactMonitoring))
    return no(RejectionCode::PermissionDenied,
              fmt::format("user '{}' may not monitor contacts: needs permission "
                          "RealTimeContactMonitoring",
                          uid.view()));
  if (w.speaks() && !u.permissions.has(Permission::RealTimeContactBargeIn))
    return no(RejectionCode::PermissionDenied,
              fmt::format("user '{}' may not barge into contacts: needs permission "
                          "RealTimeContactBargeIn",
                          uid.view()));
  // Supervision runs through the supervisor's own CCP, which must be open and not Offline.
  if (!u.ccp_open)
    return no(RejectionCode::CcpNotOpen,
              fmt::format("user '{}' has not opened the CCP", uid.view()));
  if (u.status == kStatusOffline)
    return no(RejectionCode::CcpNotOpen,
              fmt::format("user '{}' is Offline in the CCP: set a status other than Offline",
                          uid.view()));
  // Monitoring rides on the recording: no recording block in the flow, no monitoring.
  if (!c.recorded)
    return no(RejectionCode::RecordingDisabled,
              fmt::format("contact {} is not recorded: flow '{}' has no Set call recording block",
                          cid.view(), c.flow.view()));
  // Without enhanced (multi-party) monitoring a supervisor can only listen.
  if (w.participates() && !enhanced_monitoring(s.instance, c.channel))
    return no(RejectionCode::EnhancedMonitoringDisabled,
              fmt::format("joining or barging into a {} needs {} on the instance",
                          channel_noun(c.channel),
                          c.channel == Channel::Voice ? "ENHANCED_CONTACT_MONITORING"
                                                      : "ENHANCED_CHAT_MONITORING"));
  // Only live conversations: a call while connected or on hold, a chat also in wrap-up.
  if (!active_for_monitoring(c))
    return no(RejectionCode::ContactNotActive,
              fmt::format("contact {} is {}: a {} can be monitored only while {}", cid.view(),
                          to_string(c.status), channel_noun(c.channel),
                          c.channel == Channel::Voice ? "connected or on hold"
                                                      : "connected or in wrap-up"));
  if (c.agent == uid)
    return no(RejectionCode::OwnContact,
              fmt::format("contact {} is assigned to '{}': nobody monitors their own conversation",
                          cid.view(), uid.view()));
  // Hard limits per conversation; a supervisor already on it is not a newcomer, and a mode
  // change (SetMonitorMode) never adds anyone.
  if (newcomer && !existing) {
    const int limit = monitor_limit(s.instance, c.channel);
    if (static_cast<int>(c.sessions.size()) >= limit)
      return no(RejectionCode::MonitorLimitReached,
                fmt::format("contact {} already has {} supervisor(s); the limit for this {} is {}",
                            cid.view(), c.sessions.size(), channel_noun(c.channel), limit));
    // How many chats one supervisor can watch is bounded by their chat concurrency.
    if (c.channel == Channel::Chat) {
      const auto chats = std::count_if(u.watching.begin(), u.watching.end(), [&](const auto& id) {
        const ContactState* w2 = find(s, id);
        return w2 && w2->channel == Channel::Chat;
      });
      if (chats >= u.chat_concurrency)
        return no(RejectionCode::MonitorLimitReached,
                  fmt::format("user '{}' already watches {} chat(s), their chat concurrency",
                              uid.view(), chats));
    }
  }
  if (w.speaks() && !(existing && speaks_to_customer(*existing))) {
    const int limit = barge_limit(s.instance, c.channel);
    if (count_speaking_others(c, uid) >= limit)
      return no(RejectionCode::BargeLimitReached,
                fmt::format("contact {} already has {} supervisor(s) barged in; the limit is {}",
                            cid.view(), count_speaking_others(c, uid), limit));
  }
  return std::nullopt;
}

// A supervisor listens to one call at a time.
std::optional<Rejection> check_one_call(const State& s, const UserId& uid, const UserState& u,
                                        const ContactState& c) {
  if (c.channel != Channel::Voice) return std::nullopt;
  for (const auto& other : u.watching) {
    const ContactState* o = find(s, other);
    if (o && o->channel == Channel::Voice)
      return Rejection{RejectionCode::AlreadyMonitoring,
                       fmt::format("user '{}' is already monitoring call {}: a supervisor "
                                   "watches one call at a time",
                                   uid.view(), other.view())};
  }
  return std::nullopt;
}

std::optional<Rejection> check_start(const State& s, const UserId& uid, const ContactId& cid,
                                     Wanted w) {
  auto c = contact(s, cid);
  if (!c) return c.error();
  auto u = user(s, uid);
  if (!u) return u.error();
  const SupervisionSession* existing = find_session(**c, uid);
  if (auto r = check_rules(s, uid, **u, cid, **c, w, existing, true)) return r;
  if (existing)
    return Rejection{RejectionCode::AlreadyMonitoring,
                     fmt::format("user '{}' is already {} contact {}", uid.view(),
                                 existing->mode == MonitorMode::Silent ? "monitoring"
                                 : existing->mode == MonitorMode::Barge ? "barged into"
                                                                        : "joined to",
                                 cid.view())};
  return check_one_call(s, uid, **u, **c);
}

}  // namespace

Outcome decide_monitor(const State& s, Emitter out, const cmd::MonitorContact& c) {
  if (auto r = check_start(s, c.by, c.contact, {c.mode, MessageMode::Internal}))
    return std::unexpected(*r);
  out.emit<ev::MonitoringStarted>(c.contact, c.by, c.mode);
  return out.done();
}

Outcome decide_set_mode(const State& s, Emitter out, const cmd::SetMonitorMode& cmd) {
  auto c = contact(s, cmd.contact);
  if (!c) return std::unexpected(c.error());
  auto u = user(s, cmd.by);
  if (!u) return std::unexpected(u.error());
  const SupervisionSession* existing = find_session(**c, cmd.by);
  if (auto r = check_rules(s, cmd.by, **u, cmd.contact, **c, {cmd.mode, MessageMode::Internal},
                           existing, false))
    return std::unexpected(*r);
  if (!existing)
    return reject(RejectionCode::NotMonitoring,
                  fmt::format("user '{}' is not monitoring contact {}: start with MonitorContact",
                              cmd.by.view(), cmd.contact.view()));
  if (existing->mode == cmd.mode)
    return reject(RejectionCode::AlreadyMonitoring,
                  fmt::format("user '{}' is already in {} mode on contact {}", cmd.by.view(),
                              to_string(cmd.mode), cmd.contact.view()));
  out.emit<ev::BargeToggled>(cmd.contact, cmd.by, cmd.mode);
  return out.done();
}

Outcome decide_join(const State& s, Emitter out, const cmd::JoinConversation& cmd) {
  auto c = contact(s, cmd.contact);
  if (!c) return std::unexpected(c.error());
  auto u = user(s, cmd.by);
  if (!u) return std::unexpected(u.error());
  if ((*c)->channel != Channel::Chat)
    return reject(RejectionCode::ChannelMismatch,
                  fmt::format("contact {} is a call: JoinConversation is for chats (barge into "
                              "calls with MonitorContact mode BARGE)",
                              cmd.contact.view()));
  const SupervisionSession* existing = find_session(**c, cmd.by);
  if (auto r = check_rules(s, cmd.by, **u, cmd.contact, **c,
                           {MonitorMode::Consult, cmd.message_mode}, existing, true))
    return std::unexpected(*r);
  // Joining upgrades a silent session; a supervisor already taking part has joined already.
  if (existing && existing->mode != MonitorMode::Silent)
    return reject(RejectionCode::AlreadyMonitoring,
                  fmt::format("user '{}' already takes part in chat {} ({} mode)", cmd.by.view(),
                              cmd.contact.view(), to_string(existing->mode)));
  out.emit<ev::ConversationJoined>(cmd.contact, cmd.by, cmd.message_mode);
  return out.done();
}

Outcome decide_stop(const State& s, Emitter out, const cmd::StopMonitoring& cmd) {
  auto c = contact(s, cmd.contact);
  if (!c) return std::unexpected(c.error());
  if (auto u = user(s, cmd.by); !u) return std::unexpected(u.error());
  if (!find_session(**c, cmd.by))
    return reject(RejectionCode::NotMonitoring,
                  fmt::format("user '{}' is not monitoring contact {}", cmd.by.view(),
                              cmd.contact.view()));
  out.emit<ev::MonitoringStopped>(cmd.contact, cmd.by, StopReason::Requested);
  return out.done();
}

// Who may write in a chat: the customer (publicly), its agent, and supervisors who joined
// or barged in. A supervisor who joined with message mode INTERNAL writes to the agent only.
Outcome decide_message(const State& s, Emitter out, const cmd::SendMessage& cmd) {
  auto c = contact(s, cmd.contact);
  if (!c) return std::unexpected(c.error());
  const ContactState& chat = **c;
  if (!cmd.from.is_customer())
    if (auto u = user(s, cmd.from.user); !u) return std::unexpected(u.error());
  if (chat.channel != Channel::Chat)
    return reject(RejectionCode::ChannelMismatch,
                  fmt::format("contact {} is a call: messages need a chat", cmd.contact.view()));
  if (cmd.from.is_customer()) {
    if (cmd.visibility != Visibility::Public)
      return reject(RejectionCode::InvalidCommand, "a customer's messages are always PUBLIC");
    if (chat.status != ContactStatus::Queued && chat.status != ContactStatus::Connected)
      return reject(RejectionCode::InvalidTransition,
                    fmt::format("chat {} is {}: the customer can no longer write",
                                cmd.contact.view(), to_string(chat.status)));
  } else {
    const UserId& uid = cmd.from.user;
    if (chat.agent != uid) {
      const SupervisionSession* session = find_session(chat, uid);
      if (!session || session->mode == MonitorMode::Silent)
        return reject(RejectionCode::NotParticipant,
                      fmt::format("user '{}' does not take part in chat {}{}", uid.view(),
                                  cmd.contact.view(),
                                  session ? ": join or barge in to write" : ""));
      if (cmd.visibility == Visibility::Public && !speaks_to_customer(*session))
        return reject(RejectionCode::PermissionDenied,
                      fmt::format("user '{}' joined chat {} with message mode INTERNAL: their "
                                  "messages reach the agent only",
                                  uid.view(), cmd.contact.view()));
    }
    if (chat.status != ContactStatus::Connected)
      return reject(RejectionCode::InvalidTransition,
                    fmt::format("chat {} is {}: messages need a connected chat", cmd.contact.view(),
                                to_string(chat.status)));
  }
  out.emit<ev::MessageSent>(cmd.contact, cmd.from, cmd.text, cmd.visibility);
  return out.done();
}

void stop_disallowed_sessions(const State& s, Emitter& out, const UserId& uid, PermissionSet now) {
  const UserState* u = find(s, uid);
  if (!u) return;
  for (const auto& cid : u->watching) {
    const ContactState* c = find(s, cid);
    const SupervisionSession* session = c ? find_session(*c, uid) : nullptr;
    if (!session) continue;
    const bool allowed = now.has(Permission::RealTimeContactMonitoring) &&
                         (!speaks_to_customer(*session) ||
                          now.has(Permission::RealTimeContactBargeIn));
    if (!allowed) out.emit<ev::MonitoringStopped>(cid, uid, StopReason::PermissionRevoked);
  }
}

}  // namespace detail

std::optional<Rejection> check_monitor(const State& s, const UserId& user, const ContactId& contact,
                                       MonitorMode mode) {
  return detail::check_start(s, user, contact, {mode, MessageMode::Internal});
}

}  // namespace callwatch
