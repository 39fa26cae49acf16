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

// What a command asks of the table: a start (MonitorContact), a join (JoinConversation, from a
// silent session or directly) or a change of mode within a session (SetMonitorMode).
enum class Transition : std::uint8_t { Start, Join, ChangeMode };

// One supervisor's request on one conversation, as the rules see it.
struct Request {
  const State& s;
  const UserId& uid;
  const UserState& u;
  const ContactId& cid;
  const ContactState& c;
  Wanted w;
  Transition kind;
  const SupervisionSession* existing;  // their current session on the conversation, if any

  // A newcomer adds a supervisor to the conversation: a start or join without a session.
  [[nodiscard]] bool adds_supervisor() const {
    return kind != Transition::ChangeMode && existing == nullptr;
  }
  // Starts speaking to the customer (barge, or a public consult) without speaking already.
  [[nodiscard]] bool starts_speaking() const {
    return w.speaks() && !(existing && speaks_to_customer(*existing));
  }
};

using Verdict = std::optional<Rejection>;

Verdict no(RejectionCode code, std::string reason) { return Rejection{code, std::move(reason)}; }

// One function per row of docs/rules.md's supervision table, in the table's order.

// Security profiles decide who may listen and who may speak.
Verdict permission_denied(const Request& r) {
  if (!r.u.permissions.has(Permission::RealTimeContactMonitoring))
    return no(RejectionCode::PermissionDenied,
              fmt::format("user '{}' may not monitor contacts: needs permission "
                          "RealTimeContactMonitoring",
                          r.uid.view()));
  if (r.w.speaks() && !r.u.permissions.has(Permission::RealTimeContactBargeIn))
    return no(RejectionCode::PermissionDenied,
              fmt::format("user '{}' may not barge into contacts: needs permission "
                          "RealTimeContactBargeIn",
                          r.uid.view()));
  return std::nullopt;
}

// Supervision runs through the supervisor's own CCP, which must be open and not Offline.
Verdict ccp_not_open(const Request& r) {
  if (!r.u.ccp_open)
    return no(RejectionCode::CcpNotOpen,
              fmt::format("user '{}' has not opened the CCP", r.uid.view()));
  if (r.u.status == kStatusOffline)
    return no(RejectionCode::CcpNotOpen,
              fmt::format("user '{}' is Offline in the CCP: set a status other than Offline",
                          r.uid.view()));
  return std::nullopt;
}

// Monitoring rides on the recording: no recording block in the flow, no monitoring.
Verdict recording_disabled(const Request& r) {
  if (r.c.recorded) return std::nullopt;
  return no(RejectionCode::RecordingDisabled,
            fmt::format("contact {} is not recorded: flow '{}' has no Set call recording block",
                        r.cid.view(), r.c.flow.view()));
}

// Without enhanced (multi-party) monitoring a supervisor can only listen.
Verdict enhanced_monitoring_disabled(const Request& r) {
  if (!r.w.participates() || enhanced_monitoring(r.s.instance, r.c.channel)) return std::nullopt;
  return no(RejectionCode::EnhancedMonitoringDisabled,
            fmt::format("joining or barging into a {} needs {} on the instance",
                        channel_noun(r.c.channel),
                        r.c.channel == Channel::Voice ? "ENHANCED_CONTACT_MONITORING"
                                                      : "ENHANCED_CHAT_MONITORING"));
}

// Only live conversations: a call while connected or on hold, a chat also in wrap-up.
Verdict contact_not_active(const Request& r) {
  if (active_for_monitoring(r.c)) return std::nullopt;
  return no(RejectionCode::ContactNotActive,
            fmt::format("contact {} is {}: a {} can be monitored only while {}", r.cid.view(),
                        to_string(r.c.status), channel_noun(r.c.channel),
                        r.c.channel == Channel::Voice ? "connected or on hold"
                                                      : "connected or in wrap-up"));
}

Verdict own_contact(const Request& r) {
  if (r.c.agent != r.uid) return std::nullopt;
  return no(RejectionCode::OwnContact,
            fmt::format("contact {} is assigned to '{}': nobody monitors their own conversation",
                        r.cid.view(), r.uid.view()));
}

// Amazon Connect's hard limits per conversation, counted only for newcomers (a mode change or
// a join from a silent session adds nobody). A supervisor watches at most as many chats as
// their chat concurrency.
Verdict monitor_limit_reached(const Request& r) {
  if (!r.adds_supervisor()) return std::nullopt;
  const int limit = monitor_limit(r.s.instance, r.c.channel);
  if (static_cast<int>(r.c.sessions.size()) >= limit)
    return no(RejectionCode::MonitorLimitReached,
              fmt::format("contact {} already has {} supervisor(s); the limit for this {} is {}",
                          r.cid.view(), r.c.sessions.size(), channel_noun(r.c.channel), limit));
  if (r.c.channel != Channel::Chat) return std::nullopt;
  const auto chats = std::count_if(r.u.watching.begin(), r.u.watching.end(), [&](const auto& id) {
    const ContactState* other = find(r.s, id);
    return other && other->channel == Channel::Chat;
  });
  if (chats < r.u.chat_concurrency) return std::nullopt;
  return no(RejectionCode::MonitorLimitReached,
            fmt::format("user '{}' already watches {} chat(s), their chat concurrency",
                        r.uid.view(), chats));
}

// Two supervisors speaking at once confuse the customer.
Verdict barge_limit_reached(const Request& r) {
  if (!r.starts_speaking()) return std::nullopt;
  const int limit = barge_limit(r.s.instance, r.c.channel);
  const int speaking = count_speaking_others(r.c, r.uid);
  if (speaking < limit) return std::nullopt;
  return no(RejectionCode::BargeLimitReached,
            fmt::format("contact {} already has {} supervisor(s) barged in; the limit is {}",
                        r.cid.view(), speaking, limit));
}

// The first rule that refuses, in the table's order (a fold, so every row inlines: decide is
// on the simulator's hot path).
template <class... Rules>
Verdict first_refusal(const Request& r, Rules... rules) {
  Verdict v;
  ((v = rules(r)) || ...);
  return v;
}

// The table's rows from PERMISSION_DENIED to BARGE_LIMIT_REACHED. The session-state rules
// (ALREADY_MONITORING / NOT_MONITORING) belong to each command and come after.
Verdict check_rules(const Request& r) {
  return first_refusal(r, permission_denied, ccp_not_open, recording_disabled,
                       enhanced_monitoring_disabled, contact_not_active, own_contact,
                       monitor_limit_reached, barge_limit_reached);
}

// Every row that refuses, not only the first (an audit of facts, not a decision).
template <class... Rules>
std::vector<Rejection> all_refusals(const Request& r, Rules... rules) {
  std::vector<Rejection> out;
  (
      [&] {
        if (Verdict v = rules(r)) out.push_back(std::move(*v));
      }(),
      ...);
  return out;
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
  if (auto r = check_rules({s, uid, **u, cid, **c, w, Transition::Start, existing})) return r;
  if (existing)
    return Rejection{RejectionCode::AlreadyMonitoring,
                     fmt::format("user '{}' is already {} contact {}", uid.view(),
                                 existing->mode == MonitorMode::Silent ? "monitoring"
                                 : existing->mode == MonitorMode::Barge ? "barged into"
                                                                        : "joined to",
                                 cid.view())};
  return check_one_call(s, uid, **u, **c);
}

std::vector<Rejection> broken_rules(const State& s, const UserId& uid, const ContactId& cid, MonitorMode mode,
                                    bool change_mode) {
  auto c = contact(s, cid);
  if (!c) return {c.error()};
  auto u = user(s, uid);
  if (!u) return {u.error()};
  const Request r{s, uid, **u, cid, **c, {mode, MessageMode::Internal},
                  change_mode ? Transition::ChangeMode : Transition::Start, find_session(**c, uid)};
  return all_refusals(r, permission_denied, ccp_not_open, recording_disabled, enhanced_monitoring_disabled,
                      contact_not_active, own_contact, monitor_limit_reached, barge_limit_reached);
}

}  // namespace

RuleResult decide_monitor(const State& s, Emitter out, const cmd::MonitorContact& c) {
  if (auto r = check_start(s, c.by, c.contact, {c.mode, MessageMode::Internal}))
    return std::unexpected(*r);
  out.emit<ev::MonitoringStarted>(c.contact, c.by, c.mode);
  return out.done();
}

RuleResult decide_set_mode(const State& s, Emitter out, const cmd::SetMonitorMode& cmd) {
  auto c = contact(s, cmd.contact);
  if (!c) return std::unexpected(c.error());
  auto u = user(s, cmd.by);
  if (!u) return std::unexpected(u.error());
  const SupervisionSession* existing = find_session(**c, cmd.by);
  if (auto r = check_rules({s, cmd.by, **u, cmd.contact, **c, {cmd.mode, MessageMode::Internal},
                            Transition::ChangeMode, existing}))
    return std::unexpected(*r);
  if (!existing)
    return reject(RejectionCode::NotMonitoring,
                  fmt::format("user '{}' is not monitoring contact {}: start with MonitorContact",
                              cmd.by.view(), cmd.contact.view()));
  if (existing->mode == cmd.mode)
    return reject(RejectionCode::AlreadyMonitoring,
                  fmt::format("user '{}' is already in {} mode on contact {}", cmd.by.view(),
                              to_string(cmd.mode), cmd.contact.view()));
  out.emit<ev::MonitorModeChanged>(cmd.contact, cmd.by, cmd.mode);
  return out.done();
}

RuleResult decide_join(const State& s, Emitter out, const cmd::JoinConversation& cmd) {
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
  if (auto r = check_rules({s, cmd.by, **u, cmd.contact, **c,
                            {MonitorMode::Consult, cmd.message_mode}, Transition::Join, existing}))
    return std::unexpected(*r);
  // Joining upgrades a silent session; a supervisor already taking part has joined already.
  if (existing && existing->mode != MonitorMode::Silent)
    return reject(RejectionCode::AlreadyMonitoring,
                  fmt::format("user '{}' already takes part in chat {} ({} mode)", cmd.by.view(),
                              cmd.contact.view(), to_string(existing->mode)));
  out.emit<ev::ConversationJoined>(cmd.contact, cmd.by, cmd.message_mode);
  return out.done();
}

RuleResult decide_stop(const State& s, Emitter out, const cmd::StopMonitoring& cmd) {
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
RuleResult decide_message(const State& s, Emitter out, const cmd::SendMessage& cmd) {
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

std::vector<Rejection> broken_supervision_rules(const State& s, const UserId& user, const ContactId& contact,
                                                MonitorMode mode, bool change_mode) {
  return detail::broken_rules(s, user, contact, mode, change_mode);
}

std::optional<Rejection> check_monitor(const State& s, const UserId& user, const ContactId& contact,
                                       MonitorMode mode) {
  return detail::check_start(s, user, contact, {mode, MessageMode::Internal});
}

}  // namespace callwatch
