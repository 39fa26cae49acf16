// Events <-> JSON (codec/json.h): field names are the C++ members in camelCase.
#include <fmt/format.h>

#include <array>

#include "codec/json.h"
#include "codec/json_fields.h"
#include "codec/json_writer.h"
#include "codec/time.h"
#include "codec/type_names.h"

namespace callwatch::codec {
namespace {

using detail::FieldWriter;
using detail::Fields;
using detail::json;
using detail::safe;


struct Printer {
  FieldWriter w;
  void operator()(const ev::SecurityProfileCreated& e) const {
    w.put("by", e.by);
    w.put("profile", e.profile);
    w.put("permissions", e.permissions);
  }
  void operator()(const ev::UserCreated& e) const {
    w.put("by", e.by);
    w.put("user", e.user);
    w.put("profiles", e.profiles);
    w.put("chatConcurrency", e.chat_concurrency);
  }
  void operator()(const ev::SecurityProfilesAssigned& e) const {
    w.put("by", e.by);
    w.put("user", e.user);
    w.put("profiles", e.profiles);
  }
  void operator()(const ev::InstanceAttributeSet& e) const {
    w.put("by", e.by);
    w.attribute(e.attribute, e.value);
  }
  void operator()(const ev::QueueCreated& e) const {
    w.put("by", e.by);
    w.put("queue", e.queue);
    w.put("channel", e.channel);
  }
  void operator()(const ev::ContactFlowPublished& e) const {
    w.put("by", e.by);
    w.put("flow", e.flow);
    w.put("recording", e.recording);
  }
  void operator()(const ev::CcpOpened& e) const { w.put("user", e.user); }
  void operator()(const ev::CcpClosed& e) const { w.put("user", e.user); }
  void operator()(const ev::AgentStatusChanged& e) const {
    w.put("user", e.user);
    w.put("status", e.status);
  }
  void operator()(const ev::ContactInitiated& e) const {
    w.put("contact", e.contact);
    w.put("channel", e.channel);
    w.put("flow", e.flow);
    w.put("customer", e.customer);
  }
  void operator()(const ev::RecordingEnabled& e) const { w.put("contact", e.contact); }
  void operator()(const ev::ContactQueued& e) const {
    w.put("contact", e.contact);
    w.put("queue", e.queue);
  }
  void operator()(const ev::AgentConnected& e) const {
    w.put("contact", e.contact);
    w.put("agent", e.agent);
  }
  void operator()(const ev::ContactHeld& e) const { w.put("contact", e.contact); }
  void operator()(const ev::ContactResumed& e) const { w.put("contact", e.contact); }
  void operator()(const ev::ContactEnded& e) const {
    w.put("contact", e.contact);
    w.put("by", e.by);
  }
  void operator()(const ev::WrapUpCompleted& e) const { w.put("contact", e.contact); }
  void operator()(const ev::ContactAbandoned& e) const { w.put("contact", e.contact); }
  void operator()(const ev::MessageSent& e) const {
    w.put("contact", e.contact);
    w.put("from", e.from);
    w.put("text", e.text);
    w.put("visibility", e.visibility);
  }
  void operator()(const ev::MonitoringStarted& e) const {
    supervision(e);
    w.put("mode", e.mode);
  }
  void operator()(const ev::BargeToggled& e) const {
    supervision(e);
    w.put("mode", e.mode);
  }
  void operator()(const ev::ConversationJoined& e) const {
    supervision(e);
    w.put("messageMode", e.message_mode);
  }
  void operator()(const ev::MonitoringStopped& e) const {
    supervision(e);
    w.put("reason", e.reason);
  }

  template <class E>
  void supervision(const E& e) const {
    w.put("contact", e.contact);
    w.put("supervisor", e.supervisor);
  }
};

// Readers indexed like EventBody (and detail::kEventTypeNames).
using Reader = EventBody (*)(Fields&);
constexpr std::array<Reader, std::variant_size_v<EventBody>> kReaders{
    [](Fields& f) -> EventBody {
      return ev::SecurityProfileCreated{f.id<UserId>("by"), f.id<ProfileId>("profile"),
                                        f.permissions("permissions")};
    },
    [](Fields& f) -> EventBody {
      return ev::UserCreated{f.id<UserId>("by"), f.id<UserId>("user"), f.profiles("profiles"),
                             f.chat_concurrency("chatConcurrency")};
    },
    [](Fields& f) -> EventBody {
      return ev::SecurityProfilesAssigned{f.id<UserId>("by"), f.id<UserId>("user"),
                                          f.profiles("profiles")};
    },
    [](Fields& f) -> EventBody {
      ev::InstanceAttributeSet e{f.id<UserId>("by"), f.attribute("attribute"), std::nullopt};
      e.value = f.attribute_value("value", e.attribute);
      return e;
    },
    [](Fields& f) -> EventBody {
      return ev::QueueCreated{f.id<UserId>("by"), f.id<QueueId>("queue"), f.channel("channel")};
    },
    [](Fields& f) -> EventBody {
      return ev::ContactFlowPublished{f.id<UserId>("by"), f.id<FlowId>("flow"),
                                      f.boolean_or("recording", false)};
    },
    [](Fields& f) -> EventBody { return ev::CcpOpened{f.id<UserId>("user")}; },
    [](Fields& f) -> EventBody { return ev::CcpClosed{f.id<UserId>("user")}; },
    [](Fields& f) -> EventBody {
      return ev::AgentStatusChanged{f.id<UserId>("user"), f.string("status")};
    },
    [](Fields& f) -> EventBody {
      return ev::ContactInitiated{f.id<ContactId>("contact"), f.channel("channel"),
                                  f.id<FlowId>("flow"), f.string("customer")};
    },
    [](Fields& f) -> EventBody { return ev::RecordingEnabled{f.id<ContactId>("contact")}; },
    [](Fields& f) -> EventBody {
      return ev::ContactQueued{f.id<ContactId>("contact"), f.id<QueueId>("queue")};
    },
    [](Fields& f) -> EventBody {
      return ev::AgentConnected{f.id<ContactId>("contact"), f.id<UserId>("agent")};
    },
    [](Fields& f) -> EventBody { return ev::ContactHeld{f.id<ContactId>("contact")}; },
    [](Fields& f) -> EventBody { return ev::ContactResumed{f.id<ContactId>("contact")}; },
    [](Fields& f) -> EventBody {
      return ev::ContactEnded{f.id<ContactId>("contact"), f.party("by")};
    },
    [](Fields& f) -> EventBody { return ev::WrapUpCompleted{f.id<ContactId>("contact")}; },
    [](Fields& f) -> EventBody { return ev::ContactAbandoned{f.id<ContactId>("contact")}; },
    [](Fields& f) -> EventBody {
      return ev::MessageSent{f.id<ContactId>("contact"), f.party("from"), f.string("text"),
                             f.visibility("visibility", std::nullopt)};
    },
    [](Fields& f) -> EventBody {
      return ev::MonitoringStarted{f.id<ContactId>("contact"), f.id<UserId>("supervisor"),
                                   f.monitor_mode("mode", std::nullopt)};
    },
    [](Fields& f) -> EventBody {
      return ev::BargeToggled{f.id<ContactId>("contact"), f.id<UserId>("supervisor"),
                              f.monitor_mode("mode", std::nullopt)};
    },
    [](Fields& f) -> EventBody {
      return ev::ConversationJoined{f.id<ContactId>("contact"), f.id<UserId>("supervisor"),
                                    f.message_mode("messageMode", std::nullopt)};
    },
    [](Fields& f) -> EventBody {
      return ev::MonitoringStopped{f.id<ContactId>("contact"), f.id<UserId>("supervisor"),
                                   f.stop_reason("reason")};
    },
};

}  // namespace

OrderedJson to_json(const Event& e) {
  OrderedJson j = OrderedJson::object();
  j["type"] = detail::event_type_name(e.body);
  j["at"] = format_timestamp(e.at);
  std::visit(Printer{j}, e.body);
  return j;
}

std::expected<Event, std::string> event_from_json(const json& j) {
  if (!j.is_object())
    return std::unexpected(fmt::format("an event must be a JSON object, got {}", j.type_name()));
  const auto type_it = j.find("type");
  if (type_it == j.end() || type_it->is_null()) return std::unexpected("missing field 'type'");
  if (!type_it->is_string())
    return std::unexpected(
        fmt::format("field 'type' must be a string, got {}", type_it->type_name()));
  const auto& type = type_it->get_ref<const std::string&>();
  const auto index = detail::index_of(detail::kEventTypeNames, type);
  if (!index)
    return std::unexpected(fmt::format("unknown event type '{}'", detail::printable(type)));
  Fields f(j, detail::Strictness::Event);
  const Timestamp at = f.timestamp("at");
  Event event{at, kReaders[*index](f)};
  if (!f.ok()) return std::unexpected(fmt::format("{} event: {}", type, f.error()));
  return event;
}

OrderedJson accepted_json(std::span<const Event> events) {
  OrderedJson a = OrderedJson::array();
  for (const Event& e : events) a.push_back(to_json(e));
  return OrderedJson{{"ok", true}, {"events", std::move(a)}};
}

}  // namespace callwatch::codec
