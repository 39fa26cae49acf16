#include "projections/history.h"

#include <fmt/format.h>

#include <type_traits>

#include "domain/evolve.h"

namespace callwatch::projections {
namespace {

std::string party(const Party& p) { return std::string(p.is_customer() ? "customer" : p.user.view()); }

struct Describe {
  std::string operator()(const ev::ContactInitiated& e) const {
    return fmt::format("initiated: {} from {}, flow {}", to_string(e.channel), e.customer,
                       e.flow.view());
  }
  std::string operator()(const ev::RecordingEnabled&) const { return "recording enabled by the flow"; }
  std::string operator()(const ev::ContactQueued& e) const { return fmt::format("queued in {}", e.queue.view()); }
  std::string operator()(const ev::AgentConnected& e) const {
    return fmt::format("connected to agent {}", e.agent.view());
  }
  std::string operator()(const ev::ContactHeld&) const { return "put on hold"; }
  std::string operator()(const ev::ContactResumed&) const { return "resumed from hold"; }
  std::string operator()(const ev::ContactEnded& e) const { return "ended by " + party(e.by); }
  std::string operator()(const ev::WrapUpCompleted&) const { return "wrap-up completed"; }
  std::string operator()(const ev::ContactAbandoned&) const { return "abandoned in queue"; }
  std::string operator()(const ev::MessageSent& e) const {
    return fmt::format("{}{}: {}", party(e.from),
                       e.visibility == Visibility::Internal ? " (internal)" : "", e.text);
  }
  std::string operator()(const ev::MonitoringStarted& e) const {
    return fmt::format("{} {}", e.supervisor.view(),
                       e.mode == MonitorMode::Barge ? "barged in" : "started monitoring");
  }
  std::string operator()(const ev::MonitorModeChanged& e) const {
    return fmt::format("{} {}", e.supervisor.view(),
                       e.mode == MonitorMode::Barge ? "switched to barge" : "switched to silent monitoring");
  }
  std::string operator()(const ev::ConversationJoined& e) const {
    return fmt::format("{} joined the conversation (messages {})", e.supervisor.view(),
                       to_string(e.message_mode));
  }
  std::string operator()(const ev::MonitoringStopped& e) const {
    return fmt::format("{} stopped supervising ({})", e.supervisor.view(), to_string(e.reason));
  }
  std::string operator()(const ev::FindingRecorded& e) const {
    return fmt::format("finding {} ({}): {}", e.rule, e.user.view(), e.reason);
  }
  template <class T>
  std::string operator()(const T&) const {
    return std::string(type_name(EventBody{std::in_place_type<T>}));
  }
};

template <class T>
concept AboutContact = requires(const T& e) { e.contact; };

const ContactId* contact_of(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> const ContactId* {
        if constexpr (AboutContact<std::decay_t<decltype(e)>>) return &e.contact;
        else return nullptr;
      },
      body);
}

}  // namespace

std::string describe(const Event& e) { return std::visit(Describe{}, e.body); }

std::expected<ContactHistory, std::string> build_history(std::string_view contact,
                                                         std::span<const PositionedEvent> events) {
  if (events.empty()) return std::unexpected(fmt::format("unknown contact '{}'", contact));
  ContactHistory h;
  h.contact = contact;
  std::optional<Timestamp> hold_since;
  for (const PositionedEvent& pe : events) {
    const ContactId* id = contact_of(pe.event.body);
    if (!id || id->view() != contact)
      return std::unexpected(fmt::format("event at position {} ({}) is not about contact '{}'",
                                         pe.position, type_name(pe.event.body), contact));
    const Timestamp at = pe.event.at;
    std::visit(
        [&](const auto& e) {
          using T = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<T, ev::ContactInitiated>) {
            h.channel = e.channel;
            h.customer = e.customer;
            h.flow = e.flow.view();
            h.initiated_at = at;
            h.status = ContactStatus::Initiated;
          } else if constexpr (std::is_same_v<T, ev::RecordingEnabled>) {
            h.recorded = true;
          } else if constexpr (std::is_same_v<T, ev::ContactQueued>) {
            h.queue = e.queue.view();
            h.queued_at = at;
            h.status = ContactStatus::Queued;
          } else if constexpr (std::is_same_v<T, ev::AgentConnected>) {
            h.agent = e.agent.view();
            h.connected_at = at;
            if (h.queued_at) h.wait = at - *h.queued_at;
            h.status = ContactStatus::Connected;
          } else if constexpr (std::is_same_v<T, ev::ContactHeld>) {
            h.holds += 1;
            hold_since = at;
            h.status = ContactStatus::OnHold;
          } else if constexpr (std::is_same_v<T, ev::ContactResumed>) {
            if (hold_since) h.held += at - *hold_since;
            hold_since.reset();
            h.status = ContactStatus::Connected;
          } else if constexpr (std::is_same_v<T, ev::ContactEnded>) {
            if (hold_since) h.held += at - *hold_since;
            hold_since.reset();
            h.ended_at = at;
            if (h.connected_at) h.talk = at - *h.connected_at;
            h.status = ContactStatus::AfterContactWork;
          } else if constexpr (std::is_same_v<T, ev::WrapUpCompleted>) {
            h.finished_at = at;
            h.status = ContactStatus::Completed;
          } else if constexpr (std::is_same_v<T, ev::ContactAbandoned>) {
            h.finished_at = at;
            if (h.queued_at) h.wait = at - *h.queued_at;
            h.status = ContactStatus::Abandoned;
          } else if constexpr (std::is_same_v<T, ev::MessageSent>) {
            (e.visibility == Visibility::Public ? h.public_messages : h.internal_messages) += 1;
          } else if constexpr (std::is_same_v<T, ev::MonitoringStarted>) {
            h.supervision_sessions += 1;
          } else if constexpr (std::is_same_v<T, ev::ConversationJoined>) {
            // A join upgrades a running session or starts one; count only new ones.
            bool running = false;
            for (auto it = h.timeline.rbegin(); it != h.timeline.rend(); ++it) {
              const auto* s = std::get_if<ev::MonitoringStarted>(&it->event.body);
              const auto* j = std::get_if<ev::ConversationJoined>(&it->event.body);
              const auto* x = std::get_if<ev::MonitoringStopped>(&it->event.body);
              if ((s && s->supervisor == e.supervisor) || (j && j->supervisor == e.supervisor)) {
                running = true;
                break;
              }
              if (x && x->supervisor == e.supervisor) break;
            }
            if (!running) h.supervision_sessions += 1;
          }
        },
        pe.event.body);
    h.timeline.push_back({pe.position, pe.event, describe(pe.event)});
  }
  return h;
}

std::vector<HistoryEntry> customer_transcript(const ContactHistory& h) {
  std::vector<HistoryEntry> out;
  for (const HistoryEntry& e : h.timeline)
    if (visible_to_customer(e.event.body)) out.push_back(e);
  return out;
}

std::optional<ContactState> fold_contact(std::string_view contact,
                                         std::span<const PositionedEvent> events) {
  State scratch;
  for (const PositionedEvent& pe : events) evolve(scratch, pe.event);
  const ContactState* c = find(scratch, ContactId{contact});
  if (!c) return std::nullopt;
  return *c;
}

}  // namespace callwatch::projections
