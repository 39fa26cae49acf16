#include "domain/events.h"

#include <type_traits>

#include "domain/commands.h"
#include "domain/names.h"

namespace callwatch {

static_assert(std::variant_size_v<EventBody> == detail::kEventNames.size());
static_assert(std::variant_size_v<CommandBody> == detail::kCommandNames.size());

std::string_view type_name(const EventBody& e) { return detail::kEventNames[e.index()]; }
std::string_view type_name(const CommandBody& c) { return detail::kCommandNames[c.index()]; }

namespace {
template <class T>
concept AboutContact = requires(const T& e) { e.contact; };

template <class Tag>
std::string prefixed(std::string_view prefix, const Id<Tag>& id) {
  std::string s;
  s.reserve(prefix.size() + id.view().size());
  s.append(prefix).append(id.view());
  return s;
}
}  // namespace

std::string stream_of(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::string {
        using T = std::decay_t<decltype(e)>;
        if constexpr (AboutContact<T>) {
          return prefixed("contact-", e.contact);
        } else if constexpr (std::is_same_v<T, ev::SecurityProfileCreated>) {
          return prefixed("profile-", e.profile);
        } else if constexpr (std::is_same_v<T, ev::UserCreated> ||
                             std::is_same_v<T, ev::SecurityProfilesAssigned> ||
                             std::is_same_v<T, ev::CcpOpened> || std::is_same_v<T, ev::CcpClosed> ||
                             std::is_same_v<T, ev::AgentStatusChanged>) {
          return prefixed("user-", e.user);
        } else if constexpr (std::is_same_v<T, ev::QueueCreated>) {
          return prefixed("queue-", e.queue);
        } else if constexpr (std::is_same_v<T, ev::ContactFlowPublished>) {
          return prefixed("flow-", e.flow);
        } else {
          static_assert(std::is_same_v<T, ev::InstanceAttributeSet>);
          return "instance";
        }
      },
      body);
}

bool visible_to_customer(const EventBody& body) {
  if (const auto* m = std::get_if<ev::MessageSent>(&body))
    return m->visibility == Visibility::Public;
  // Joining or barging shows a notice to agent and customer; silent monitoring never does.
  if (const auto* m = std::get_if<ev::MonitoringStarted>(&body)) return m->mode == MonitorMode::Barge;
  if (const auto* t = std::get_if<ev::BargeToggled>(&body)) return t->mode == MonitorMode::Barge;
  return std::holds_alternative<ev::ConversationJoined>(body);
}

}  // namespace callwatch
