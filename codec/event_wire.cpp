#include "codec/event_wire.h"

#include <fmt/format.h>

#include <array>
#include <cstddef>
#include <optional>
#include <utility>

#include "codec/type_names.h"

namespace callwatch::codec::detail {
namespace {

using Body = wire::Envelope::Body;

capnp::Text::Reader text(const std::string& s) { return {s.data(), s.size()}; }
template <class Tag>
capnp::Text::Reader text(const Id<Tag>& id) {
  return {id.c_str(), id.view().size()};  // NUL-terminated, as Cap'n Proto requires
}

// Domain and wire enums are mapped pair by pair: the domain may reorder its enumerators, the
// schema's ordinals never change.
template <class D, class W, std::size_t N>
struct EnumMap {
  std::string_view name;
  std::array<std::pair<D, W>, N> pairs;

  [[nodiscard]] constexpr W to_wire(D d) const {
    for (const auto& [dv, wv] : pairs)
      if (dv == d) return wv;
    return pairs[0].second;  // unreachable for valid enumerators
  }
  [[nodiscard]] constexpr std::optional<D> from_wire(W w) const {
    for (const auto& [dv, wv] : pairs)
      if (wv == w) return dv;
    return std::nullopt;
  }
};

constexpr EnumMap<Channel, wire::Channel, 2> kChannel{
    "Channel", {{{Channel::Voice, wire::Channel::VOICE}, {Channel::Chat, wire::Channel::CHAT}}}};
constexpr EnumMap<MonitorMode, wire::MonitorMode, 3> kMonitorMode{
    "MonitorMode",
    {{{MonitorMode::Silent, wire::MonitorMode::SILENT},
      {MonitorMode::Barge, wire::MonitorMode::BARGE},
      {MonitorMode::Consult, wire::MonitorMode::CONSULT}}}};
constexpr EnumMap<MessageMode, wire::MessageMode, 2> kMessageMode{
    "MessageMode",
    {{{MessageMode::Internal, wire::MessageMode::INTERNAL},
      {MessageMode::Public, wire::MessageMode::PUBLIC}}}};
constexpr EnumMap<Visibility, wire::Visibility, 2> kVisibility{
    "Visibility",
    {{{Visibility::Public, wire::Visibility::PUBLIC},
      {Visibility::Internal, wire::Visibility::INTERNAL}}}};
constexpr EnumMap<StopReason, wire::StopReason, 4> kStopReason{
    "StopReason",
    {{{StopReason::Requested, wire::StopReason::REQUESTED},
      {StopReason::ContactEnded, wire::StopReason::CONTACT_ENDED},
      {StopReason::CcpClosed, wire::StopReason::CCP_CLOSED},
      {StopReason::PermissionRevoked, wire::StopReason::PERMISSION_REVOKED}}}};
constexpr EnumMap<InstanceAttribute, wire::InstanceAttribute, 4> kAttribute{
    "InstanceAttribute",
    {{{InstanceAttribute::EnhancedContactMonitoring,
       wire::InstanceAttribute::ENHANCED_CONTACT_MONITORING},
      {InstanceAttribute::EnhancedChatMonitoring, wire::InstanceAttribute::ENHANCED_CHAT_MONITORING},
      {InstanceAttribute::MaxSupervisorsPerContact,
       wire::InstanceAttribute::MAX_SUPERVISORS_PER_CONTACT},
      {InstanceAttribute::MaxSupervisorsBarged, wire::InstanceAttribute::MAX_SUPERVISORS_BARGED}}}};
constexpr EnumMap<RecordingAccess, wire::RecordingAccess, 3> kRecordingAccess{
    "RecordingAccess",
    {{{RecordingAccess::Search, wire::RecordingAccess::SEARCH},
      {RecordingAccess::Listen, wire::RecordingAccess::LISTEN},
      {RecordingAccess::Download, wire::RecordingAccess::DOWNLOAD}}}};
constexpr EnumMap<Permission, wire::Permission, kPermissionCount> kPermission{
    "Permission",
    {{{Permission::AccessCcp, wire::Permission::ACCESS_CCP},
      {Permission::MakeOutboundCalls, wire::Permission::MAKE_OUTBOUND_CALLS},
      {Permission::RealTimeContactMonitoring, wire::Permission::REAL_TIME_CONTACT_MONITORING},
      {Permission::RealTimeContactBargeIn, wire::Permission::REAL_TIME_CONTACT_BARGE_IN},
      {Permission::AccessMetrics, wire::Permission::ACCESS_METRICS},
      {Permission::RecordedConversationsAccess, wire::Permission::RECORDED_CONVERSATIONS_ACCESS},
      {Permission::RecordedConversationsDownload,
       wire::Permission::RECORDED_CONVERSATIONS_DOWNLOAD},
      {Permission::ManageUsers, wire::Permission::MANAGE_USERS},
      {Permission::EditSecurityProfiles, wire::Permission::EDIT_SECURITY_PROFILES},
      {Permission::ManageRouting, wire::Permission::MANAGE_ROUTING},
      {Permission::EditInstance, wire::Permission::EDIT_INSTANCE}}}};

void write_party(wire::Party::Builder b, const Party& p) {
  if (p.is_customer())
    b.setCustomer();
  else
    b.setUser(text(p.user));
}

void write_profiles(capnp::List<capnp::Text>::Builder out, const std::vector<ProfileId>& in) {
  for (unsigned i = 0; i < in.size(); ++i) out.set(i, text(in[i]));
}

// One overload per event type: each writes its own struct into the body union.
struct Writer {
  mutable Body::Builder b;  // builders are handles; init*() is non-const

  void operator()(const ev::SecurityProfileCreated& e) const {
    auto w = b.initSecurityProfileCreated();
    w.setBy(text(e.by));
    w.setProfile(text(e.profile));
    unsigned n = 0;
    for (Permission p : all_permissions()) n += e.permissions.has(p) ? 1 : 0;
    auto list = w.initPermissions(n);
    unsigned i = 0;
    for (Permission p : all_permissions())
      if (e.permissions.has(p)) list.set(i++, kPermission.to_wire(p));
  }
  void operator()(const ev::UserCreated& e) const {
    auto w = b.initUserCreated();
    w.setBy(text(e.by));
    w.setUser(text(e.user));
    write_profiles(w.initProfiles(static_cast<unsigned>(e.profiles.size())), e.profiles);
    w.setChatConcurrency(e.chat_concurrency);
  }
  void operator()(const ev::SecurityProfilesAssigned& e) const {
    auto w = b.initSecurityProfilesAssigned();
    w.setBy(text(e.by));
    w.setUser(text(e.user));
    write_profiles(w.initProfiles(static_cast<unsigned>(e.profiles.size())), e.profiles);
  }
  void operator()(const ev::InstanceAttributeSet& e) const {
    auto w = b.initInstanceAttributeSet();
    w.setBy(text(e.by));
    w.setAttribute(kAttribute.to_wire(e.attribute));
    if (e.value)
      w.getValue().setSome(*e.value);
    else
      w.getValue().setNone();
  }
  void operator()(const ev::QueueCreated& e) const {
    auto w = b.initQueueCreated();
    w.setBy(text(e.by));
    w.setQueue(text(e.queue));
    w.setChannel(kChannel.to_wire(e.channel));
  }
  void operator()(const ev::ContactFlowPublished& e) const {
    auto w = b.initContactFlowPublished();
    w.setBy(text(e.by));
    w.setFlow(text(e.flow));
    w.setRecording(e.recording);
  }
  void operator()(const ev::CcpOpened& e) const { b.initCcpOpened().setUser(text(e.user)); }
  void operator()(const ev::CcpClosed& e) const { b.initCcpClosed().setUser(text(e.user)); }
  void operator()(const ev::AgentStatusChanged& e) const {
    auto w = b.initAgentStatusChanged();
    w.setUser(text(e.user));
    w.setStatus(text(e.status));
  }
  void operator()(const ev::ContactInitiated& e) const {
    auto w = b.initContactInitiated();
    w.setContact(text(e.contact));
    w.setChannel(kChannel.to_wire(e.channel));
    w.setFlow(text(e.flow));
    w.setCustomer(text(e.customer));
  }
  void operator()(const ev::RecordingEnabled& e) const {
    b.initRecordingEnabled().setContact(text(e.contact));
  }
  void operator()(const ev::ContactQueued& e) const {
    auto w = b.initContactQueued();
    w.setContact(text(e.contact));
    w.setQueue(text(e.queue));
  }
  void operator()(const ev::AgentConnected& e) const {
    auto w = b.initAgentConnected();
    w.setContact(text(e.contact));
    w.setAgent(text(e.agent));
  }
  void operator()(const ev::ContactHeld& e) const { b.initContactHeld().setContact(text(e.contact)); }
  void operator()(const ev::ContactResumed& e) const {
    b.initContactResumed().setContact(text(e.contact));
  }
  void operator()(const ev::ContactEnded& e) const {
    auto w = b.initContactEnded();
    w.setContact(text(e.contact));
    write_party(w.initBy(), e.by);
  }
  void operator()(const ev::WrapUpCompleted& e) const {
    b.initWrapUpCompleted().setContact(text(e.contact));
  }
  void operator()(const ev::ContactAbandoned& e) const {
    b.initContactAbandoned().setContact(text(e.contact));
  }
  void operator()(const ev::MessageSent& e) const {
    auto w = b.initMessageSent();
    w.setContact(text(e.contact));
    write_party(w.initFrom(), e.from);
    w.setText(text(e.text));
    w.setVisibility(kVisibility.to_wire(e.visibility));
  }
  void operator()(const ev::MonitoringStarted& e) const {
    auto w = b.initMonitoringStarted();
    w.setContact(text(e.contact));
    w.setSupervisor(text(e.supervisor));
    w.setMode(kMonitorMode.to_wire(e.mode));
  }
  void operator()(const ev::MonitorModeChanged& e) const {
    auto w = b.initMonitorModeChanged();
    w.setContact(text(e.contact));
    w.setSupervisor(text(e.supervisor));
    w.setMode(kMonitorMode.to_wire(e.mode));
  }
  void operator()(const ev::ConversationJoined& e) const {
    auto w = b.initConversationJoined();
    w.setContact(text(e.contact));
    w.setSupervisor(text(e.supervisor));
    w.setMessageMode(kMessageMode.to_wire(e.message_mode));
  }
  void operator()(const ev::MonitoringStopped& e) const {
    auto w = b.initMonitoringStopped();
    w.setContact(text(e.contact));
    w.setSupervisor(text(e.supervisor));
    w.setReason(kStopReason.to_wire(e.reason));
  }
  void operator()(const ev::RecordingAccessed& e) const {
    auto w = b.initRecordingAccessed();
    w.setBy(text(e.by));
    w.setAccess(kRecordingAccess.to_wire(e.access));
    w.setContact(text(e.contact));
    w.setSearch(text(e.search));
  }
  void operator()(const ev::TokenIssued& e) const {
    auto w = b.initTokenIssued();
    w.setBy(text(e.by));
    w.setToken(text(e.token));
    w.setUser(text(e.user));
    w.setExpiresAtMs(e.expires_at.time_since_epoch().count());
    w.setSecretSha256(text(e.secret_sha256));
  }
  void operator()(const ev::TokenRevoked& e) const {
    auto w = b.initTokenRevoked();
    w.setBy(text(e.by));
    w.setToken(text(e.token));
    w.setUser(text(e.user));
  }
  void operator()(const ev::FindingRecorded& e) const {
    auto w = b.initFindingRecorded();
    w.setContact(text(e.contact));
    w.setUser(text(e.user));
    w.setRule(text(e.rule));
    w.setReason(text(e.reason));
    w.setEvent(text(e.event));
  }
};

std::string_view sv(capnp::Text::Reader t) { return {t.begin(), t.size()}; }

// The body alternative T, reusing it when the previous record had the same type.
template <class T>
T& slot(EventBody& body) {
  if (T* p = std::get_if<T>(&body)) return *p;
  return body.emplace<T>();
}

// An id read in place: unchanged when the previous record had the same one (no rehash).
template <class IdT>
void set(IdT& id, capnp::Text::Reader t) {
  if (id.view() != sv(t)) id = IdT(sv(t));
}

// Collects the first problem while reading (an enum value or union member this build does not
// know) so the readers below stay straight-line.
struct Ctx {
  std::string error;

  template <class D, class W, std::size_t N>
  D get(const EnumMap<D, W, N>& map, W w) {
    if (auto d = map.from_wire(w)) return *d;
    if (error.empty())
      error = fmt::format("unknown {} value {} (written by a newer schema?)", map.name,
                          static_cast<unsigned>(w));
    return map.pairs[0].first;
  }

  void party(Party& out, wire::Party::Reader r) {
    switch (r.which()) {
      case wire::Party::CUSTOMER:
        out.kind = Party::Kind::Customer;
        if (!out.user.empty()) out.user = UserId{};
        return;
      case wire::Party::USER:
        out.kind = Party::Kind::User;
        set(out.user, r.getUser());
        return;
    }
    if (error.empty())
      error = fmt::format("unknown Party member {} (written by a newer schema?)",
                          static_cast<unsigned>(r.which()));
  }
};

void read_profiles(capnp::List<capnp::Text>::Reader in, std::vector<ProfileId>& out) {
  out.resize(in.size());
  for (unsigned i = 0; i < in.size(); ++i) set(out[i], in[i]);
}

// Reads the body into `body` in place: the alternative and its strings are reused when the
// previous record had the same type (replay decodes millions of records into one Event).
// False for a union member this build does not know.
bool read_into(Body::Reader in, EventBody& body, Ctx& c) {
  switch (in.which()) {
    case Body::SECURITY_PROFILE_CREATED: {
      auto r = in.getSecurityProfileCreated();
      auto& e = slot<ev::SecurityProfileCreated>(body);
      set(e.by, r.getBy());
      set(e.profile, r.getProfile());
      e.permissions = {};
      for (auto p : r.getPermissions()) e.permissions.add(c.get(kPermission, p));
      return true;
    }
    case Body::USER_CREATED: {
      auto r = in.getUserCreated();
      auto& e = slot<ev::UserCreated>(body);
      set(e.by, r.getBy());
      set(e.user, r.getUser());
      read_profiles(r.getProfiles(), e.profiles);
      e.chat_concurrency = r.getChatConcurrency();
      return true;
    }
    case Body::SECURITY_PROFILES_ASSIGNED: {
      auto r = in.getSecurityProfilesAssigned();
      auto& e = slot<ev::SecurityProfilesAssigned>(body);
      set(e.by, r.getBy());
      set(e.user, r.getUser());
      read_profiles(r.getProfiles(), e.profiles);
      return true;
    }
    case Body::INSTANCE_ATTRIBUTE_SET: {
      auto r = in.getInstanceAttributeSet();
      auto& e = slot<ev::InstanceAttributeSet>(body);
      set(e.by, r.getBy());
      e.attribute = c.get(kAttribute, r.getAttribute());
      auto v = r.getValue();
      e.value.reset();
      if (v.isSome())
        e.value = v.getSome();
      else if (!v.isNone() && c.error.empty())
        c.error = fmt::format("unknown InstanceAttributeSet.value member {}",
                              static_cast<unsigned>(v.which()));
      return true;
    }
    case Body::QUEUE_CREATED: {
      auto r = in.getQueueCreated();
      auto& e = slot<ev::QueueCreated>(body);
      set(e.by, r.getBy());
      set(e.queue, r.getQueue());
      e.channel = c.get(kChannel, r.getChannel());
      return true;
    }
    case Body::CONTACT_FLOW_PUBLISHED: {
      auto r = in.getContactFlowPublished();
      auto& e = slot<ev::ContactFlowPublished>(body);
      set(e.by, r.getBy());
      set(e.flow, r.getFlow());
      e.recording = r.getRecording();
      return true;
    }
    case Body::CCP_OPENED:
      set(slot<ev::CcpOpened>(body).user, in.getCcpOpened().getUser());
      return true;
    case Body::CCP_CLOSED:
      set(slot<ev::CcpClosed>(body).user, in.getCcpClosed().getUser());
      return true;
    case Body::AGENT_STATUS_CHANGED: {
      auto r = in.getAgentStatusChanged();
      auto& e = slot<ev::AgentStatusChanged>(body);
      set(e.user, r.getUser());
      e.status.assign(sv(r.getStatus()));
      return true;
    }
    case Body::CONTACT_INITIATED: {
      auto r = in.getContactInitiated();
      auto& e = slot<ev::ContactInitiated>(body);
      set(e.contact, r.getContact());
      e.channel = c.get(kChannel, r.getChannel());
      set(e.flow, r.getFlow());
      e.customer.assign(sv(r.getCustomer()));
      return true;
    }
    case Body::RECORDING_ENABLED:
      set(slot<ev::RecordingEnabled>(body).contact, in.getRecordingEnabled().getContact());
      return true;
    case Body::CONTACT_QUEUED: {
      auto r = in.getContactQueued();
      auto& e = slot<ev::ContactQueued>(body);
      set(e.contact, r.getContact());
      set(e.queue, r.getQueue());
      return true;
    }
    case Body::AGENT_CONNECTED: {
      auto r = in.getAgentConnected();
      auto& e = slot<ev::AgentConnected>(body);
      set(e.contact, r.getContact());
      set(e.agent, r.getAgent());
      return true;
    }
    case Body::CONTACT_HELD:
      set(slot<ev::ContactHeld>(body).contact, in.getContactHeld().getContact());
      return true;
    case Body::CONTACT_RESUMED:
      set(slot<ev::ContactResumed>(body).contact, in.getContactResumed().getContact());
      return true;
    case Body::CONTACT_ENDED: {
      auto r = in.getContactEnded();
      auto& e = slot<ev::ContactEnded>(body);
      set(e.contact, r.getContact());
      c.party(e.by, r.getBy());
      return true;
    }
    case Body::WRAP_UP_COMPLETED:
      set(slot<ev::WrapUpCompleted>(body).contact, in.getWrapUpCompleted().getContact());
      return true;
    case Body::CONTACT_ABANDONED:
      set(slot<ev::ContactAbandoned>(body).contact, in.getContactAbandoned().getContact());
      return true;
    case Body::MESSAGE_SENT: {
      auto r = in.getMessageSent();
      auto& e = slot<ev::MessageSent>(body);
      set(e.contact, r.getContact());
      c.party(e.from, r.getFrom());
      e.text.assign(sv(r.getText()));
      e.visibility = c.get(kVisibility, r.getVisibility());
      return true;
    }
    case Body::MONITORING_STARTED: {
      auto r = in.getMonitoringStarted();
      auto& e = slot<ev::MonitoringStarted>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.mode = c.get(kMonitorMode, r.getMode());
      return true;
    }
    case Body::MONITOR_MODE_CHANGED: {
      auto r = in.getMonitorModeChanged();
      auto& e = slot<ev::MonitorModeChanged>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.mode = c.get(kMonitorMode, r.getMode());
      return true;
    }
    case Body::CONVERSATION_JOINED: {
      auto r = in.getConversationJoined();
      auto& e = slot<ev::ConversationJoined>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.message_mode = c.get(kMessageMode, r.getMessageMode());
      return true;
    }
    case Body::MONITORING_STOPPED: {
      auto r = in.getMonitoringStopped();
      auto& e = slot<ev::MonitoringStopped>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.reason = c.get(kStopReason, r.getReason());
      return true;
    }
    case Body::RECORDING_ACCESSED: {
      auto r = in.getRecordingAccessed();
      auto& e = slot<ev::RecordingAccessed>(body);
      set(e.by, r.getBy());
      e.access = c.get(kRecordingAccess, r.getAccess());
      set(e.contact, r.getContact());
      e.search.assign(sv(r.getSearch()));
      return true;
    }
    case Body::TOKEN_ISSUED: {
      auto r = in.getTokenIssued();
      auto& e = slot<ev::TokenIssued>(body);
      set(e.by, r.getBy());
      set(e.token, r.getToken());
      set(e.user, r.getUser());
      e.expires_at = Timestamp{Duration{r.getExpiresAtMs()}};
      e.secret_sha256.assign(sv(r.getSecretSha256()));
      return true;
    }
    case Body::TOKEN_REVOKED: {
      auto r = in.getTokenRevoked();
      auto& e = slot<ev::TokenRevoked>(body);
      set(e.by, r.getBy());
      set(e.token, r.getToken());
      set(e.user, r.getUser());
      return true;
    }
    case Body::FINDING_RECORDED: {
      auto r = in.getFindingRecorded();
      auto& e = slot<ev::FindingRecorded>(body);
      set(e.contact, r.getContact());
      set(e.user, r.getUser());
      e.rule.assign(sv(r.getRule()));
      e.reason.assign(sv(r.getReason()));
      e.event.assign(sv(r.getEvent()));
      return true;
    }
  }
  return false;  // a union member added by a newer schema
}

}  // namespace

void write_body(Body::Builder out, const EventBody& body) { std::visit(Writer{out}, body); }

Status read_body_into(Body::Reader in, std::string_view type, EventBody& body) {
  Ctx ctx;
  if (!read_into(in, body, ctx))
    return std::unexpected(Error{
        ErrorCode::InvalidInput,
        fmt::format("unknown event type '{}' (body union member {}): written by a newer schema",
                    printable(type), static_cast<unsigned>(in.which()))});
  const std::string_view expected = kEventTypeNames[body.index()];
  if (!ctx.error.empty())
    return std::unexpected(
        Error{ErrorCode::InvalidInput, fmt::format("{} event: {}", expected, ctx.error)});
  if (!names_type_of(body, type))  // its name, or a former one (an old record)
    return std::unexpected(Error{ErrorCode::InvalidInput, fmt::format(
        "envelope type '{}' does not match its body ({})", printable(type), expected)});
  return {};
}

}  // namespace callwatch::codec::detail
