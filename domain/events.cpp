#include "domain/events.h"

#include <type_traits>

#include "domain/commands.h"
#include "domain/names.h"

namespace callwatch {

static_assert(std::variant_size_v<CommandBody> == detail::kCommandNames.size());

std::string_view type_name(const EventBody& e) { return kEventNames[e.index()]; }

namespace {
template <class E>
bool is_named(std::string_view name) {
  if (name == E::kName) return true;
  if constexpr (requires { E::kFormerNames; })
    for (std::string_view former : E::kFormerNames)
      if (name == former) return true;
  return false;
}
template <class... E>
std::optional<std::size_t> index_in(std::variant<E...>*, std::string_view name) {
  std::optional<std::size_t> found;
  std::size_t i = 0;
  ((is_named<E>(name) ? (found = i, true) : (++i, false)) || ...);
  return found;
}
}  // namespace

std::optional<std::size_t> event_index(std::string_view name) {
  return index_in(static_cast<EventBody*>(nullptr), name);
}

bool names_type_of(const EventBody& body, std::string_view name) {
  return std::visit([name](const auto& e) { return is_named<std::decay_t<decltype(e)>>(name); },
                    body);
}
std::string_view type_name(const CommandBody& c) { return detail::kCommandNames[c.index()]; }

namespace {
template <class T>
concept AboutContact = requires(const T& e) { e.contact; };

}  // namespace

void stream_of_into(const EventBody& body, std::string& out) {
  std::visit(
      [&out](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        auto prefixed = [&out](std::string_view prefix, std::string_view id) {
          out.assign(prefix);
          out.append(id);
        };
        if constexpr (std::is_same_v<T, ev::RecordingAccessed>) {
          if (e.contact.empty())
            prefixed("user-", e.by.view());  // a search is about no one contact
          else
            prefixed("contact-", e.contact.view());
        } else if constexpr (AboutContact<T>) {
          prefixed("contact-", e.contact.view());
        } else if constexpr (std::is_same_v<T, ev::SecurityProfileCreated>) {
          prefixed("profile-", e.profile.view());
        } else if constexpr (std::is_same_v<T, ev::UserCreated> ||
                             std::is_same_v<T, ev::SecurityProfilesAssigned> ||
                             std::is_same_v<T, ev::CcpOpened> || std::is_same_v<T, ev::CcpClosed> ||
                             std::is_same_v<T, ev::AgentStatusChanged> ||
                             std::is_same_v<T, ev::TokenIssued> ||
                             std::is_same_v<T, ev::TokenRevoked>) {
          prefixed("user-", e.user.view());
        } else if constexpr (std::is_same_v<T, ev::QueueCreated>) {
          prefixed("queue-", e.queue.view());
        } else if constexpr (std::is_same_v<T, ev::ContactFlowPublished>) {
          prefixed("flow-", e.flow.view());
        } else {
          static_assert(std::is_same_v<T, ev::InstanceAttributeSet>);
          out.assign("instance");
        }
      },
      body);
}

std::string stream_of(const EventBody& body) {
  std::string out;
  stream_of_into(body, out);
  return out;
}

bool visible_to_customer(const EventBody& body) {
  if (const auto* m = std::get_if<ev::MessageSent>(&body))
    return m->visibility == Visibility::Public;
  // Joining or barging shows a notice to agent and customer; silent monitoring never does.
  if (const auto* m = std::get_if<ev::MonitoringStarted>(&body)) return m->mode == MonitorMode::Barge;
  if (const auto* t = std::get_if<ev::MonitorModeChanged>(&body)) return t->mode == MonitorMode::Barge;
  return std::holds_alternative<ev::ConversationJoined>(body);
}

}  // namespace callwatch
