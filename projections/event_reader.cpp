#include "projections/event_reader.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <kj/exception.h>

#include <cstring>
#include <optional>

#include "codec/envelope.h"
#include "codec/event_codec.h"
#include "codec/events.capnp.h"

namespace callwatch::projections {
namespace {

using Body = codec::wire::Envelope::Body;
namespace wire = codec::wire;

std::string_view sv(capnp::Text::Reader t) { return {t.begin(), t.size()}; }

// Wire enums to domain enums, pair by pair as the codec maps them; nullopt: unknown here.
std::optional<Channel> channel(wire::Channel w) {
  switch (w) {
    case wire::Channel::VOICE: return Channel::Voice;
    case wire::Channel::CHAT: return Channel::Chat;
  }
  return std::nullopt;
}
std::optional<MonitorMode> monitor_mode(wire::MonitorMode w) {
  switch (w) {
    case wire::MonitorMode::SILENT: return MonitorMode::Silent;
    case wire::MonitorMode::BARGE: return MonitorMode::Barge;
    case wire::MonitorMode::CONSULT: return MonitorMode::Consult;
  }
  return std::nullopt;
}
std::optional<MessageMode> message_mode(wire::MessageMode w) {
  switch (w) {
    case wire::MessageMode::INTERNAL: return MessageMode::Internal;
    case wire::MessageMode::PUBLIC: return MessageMode::Public;
  }
  return std::nullopt;
}
std::optional<Visibility> visibility(wire::Visibility w) {
  switch (w) {
    case wire::Visibility::PUBLIC: return Visibility::Public;
    case wire::Visibility::INTERNAL: return Visibility::Internal;
  }
  return std::nullopt;
}
std::optional<StopReason> stop_reason(wire::StopReason w) {
  switch (w) {
    case wire::StopReason::REQUESTED: return StopReason::Requested;
    case wire::StopReason::CONTACT_ENDED: return StopReason::ContactEnded;
    case wire::StopReason::CCP_CLOSED: return StopReason::CcpClosed;
    case wire::StopReason::PERMISSION_REVOKED: return StopReason::PermissionRevoked;
  }
  return std::nullopt;
}

// The body alternative T, reusing it when the previous record had the same type.
template <class T>
T& slot(EventBody& body) {
  if (T* p = std::get_if<T>(&body)) return *p;
  return body.emplace<T>();
}

template <class IdT>
void set(IdT& id, capnp::Text::Reader t) {
  if (id.view() != sv(t)) id = IdT(sv(t));
}

bool party(Party& out, wire::Party::Reader r) {
  switch (r.which()) {
    case wire::Party::CUSTOMER:
      out.kind = Party::Kind::Customer;
      if (!out.user.empty()) out.user = UserId{};
      return true;
    case wire::Party::USER:
      out.kind = Party::Kind::User;
      set(out.user, r.getUser());
      return true;
  }
  return false;
}

// Reads the hot event types into `body`; false for everything else (the codec decides).
bool read_body(Body::Reader in, EventBody& body) {
  switch (in.which()) {
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
      const auto ch = channel(r.getChannel());
      if (!ch) return false;
      auto& e = slot<ev::ContactInitiated>(body);
      set(e.contact, r.getContact());
      e.channel = *ch;
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
      return party(e.by, r.getBy());
    }
    case Body::WRAP_UP_COMPLETED:
      set(slot<ev::WrapUpCompleted>(body).contact, in.getWrapUpCompleted().getContact());
      return true;
    case Body::CONTACT_ABANDONED:
      set(slot<ev::ContactAbandoned>(body).contact, in.getContactAbandoned().getContact());
      return true;
    case Body::MESSAGE_SENT: {
      auto r = in.getMessageSent();
      const auto v = visibility(r.getVisibility());
      if (!v) return false;
      auto& e = slot<ev::MessageSent>(body);
      set(e.contact, r.getContact());
      e.text.assign(sv(r.getText()));
      e.visibility = *v;
      return party(e.from, r.getFrom());
    }
    case Body::MONITORING_STARTED: {
      auto r = in.getMonitoringStarted();
      const auto m = monitor_mode(r.getMode());
      if (!m) return false;
      auto& e = slot<ev::MonitoringStarted>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.mode = *m;
      return true;
    }
    case Body::MONITOR_MODE_CHANGED: {
      auto r = in.getMonitorModeChanged();
      const auto m = monitor_mode(r.getMode());
      if (!m) return false;
      auto& e = slot<ev::MonitorModeChanged>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.mode = *m;
      return true;
    }
    case Body::CONVERSATION_JOINED: {
      auto r = in.getConversationJoined();
      const auto m = message_mode(r.getMessageMode());
      if (!m) return false;
      auto& e = slot<ev::ConversationJoined>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.message_mode = *m;
      return true;
    }
    case Body::MONITORING_STOPPED: {
      auto r = in.getMonitoringStopped();
      const auto why = stop_reason(r.getReason());
      if (!why) return false;
      auto& e = slot<ev::MonitoringStopped>(body);
      set(e.contact, r.getContact());
      set(e.supervisor, r.getSupervisor());
      e.reason = *why;
      return true;
    }
    default:
      return false;  // administrative events, and members added by a newer schema
  }
}

}  // namespace

bool EventReader::fast_read(std::string_view bytes) {
  constexpr std::size_t kWord = sizeof(capnp::word);
  if (bytes.empty() || bytes.size() % kWord != 0) return false;
  const std::size_t n = bytes.size() / kWord;
  const capnp::word* words;
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(capnp::word) == 0) {
    words = reinterpret_cast<const capnp::word*>(bytes.data());
  } else {
    if (scratch_.size() < n) scratch_.resize(n);
    std::memcpy(scratch_.data(), bytes.data(), bytes.size());
    words = reinterpret_cast<const capnp::word*>(scratch_.data());
  }
  try {
    capnp::ReaderOptions options;  // the codec's limits
    options.traversalLimitInWords = 4 * n + 64;
    options.nestingLimit = 8;
    capnp::FlatArrayMessageReader reader(kj::ArrayPtr<const capnp::word>(words, n), options);
    if (reader.getEnd() != words + n) return false;
    auto root = reader.getRoot<wire::Envelope>();
    const std::uint32_t version = root.getSchemaVersion();
    if (version == 0 || version > codec::kSchemaVersion) return false;
    // Not needed by the fold, but read (validated) as the codec reads them: a record the
    // codec rejects is never folded.
    [[maybe_unused]] const auto event_id = root.getEventId();
    [[maybe_unused]] const auto stream = root.getStream();
    const auto type = root.getType();
    if (!read_body(root.getBody(), event_.body)) return false;
    if (!names_type_of(event_.body, sv(type))) return false;
    event_.at = Timestamp{Duration{root.getAtMs()}};
    return true;
  } catch (const kj::Exception&) {
    return false;
  } catch (const std::exception&) {
    return false;
  }
}

std::expected<const Event*, std::string> EventReader::delegate(std::string_view bytes) {
  ++delegated_;
  auto env = codec::decode_event(bytes);
  if (!env) return std::unexpected(std::move(env.error().message));
  event_ = std::move(env->event);
  return &event_;
}

std::expected<const Event*, std::string> EventReader::read(std::string_view bytes) {
  if (fast_read(bytes)) {
    ++fast_;
    return &event_;
  }
  return delegate(bytes);
}

}  // namespace callwatch::projections
