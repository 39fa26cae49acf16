// Events <-> JSON (codec/json.h): field names are the C++ members in camelCase.
#include <fmt/format.h>

#include <array>
#include <tuple>
#include <type_traits>

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

// Writes the fields of `e` in the order its type lists them (domain/events.h).
template <class E>
void print(FieldWriter w, const E& e) {
  if constexpr (std::is_same_v<E, ev::InstanceAttributeSet>) {
    w.put("by", e.by);  // the value's JSON type depends on the attribute
    w.attribute(e.attribute, e.value);
  } else {
    std::apply([&](const auto&... f) { (w.put(f.name, e.*f.member), ...); }, E::fields());
  }
}

// One reader per field type. Events are facts already decided: only types and enum values
// are checked (Strictness::Event).
template <class Tag>
void get(Fields& f, const char* name, Id<Tag>& out) {
  out = f.id<Id<Tag>>(name);
}
void get(Fields& f, const char* name, std::string& out) { out = f.string(name); }
void get(Fields& f, const char* name, bool& out) { out = f.boolean_or(name, false); }
void get(Fields& f, const char* name, int& out) { out = f.chat_concurrency(name); }  // the one int
void get(Fields& f, const char* name, Timestamp& out) { out = f.timestamp(name); }
void get(Fields& f, const char* name, Party& out) { out = f.party(name); }
void get(Fields& f, const char* name, std::vector<ProfileId>& out) { out = f.profiles(name); }
void get(Fields& f, const char* name, PermissionSet& out) { out = f.permissions(name); }
void get(Fields& f, const char* name, Channel& out) { out = f.channel(name); }
void get(Fields& f, const char* name, Visibility& out) { out = f.visibility(name, std::nullopt); }
void get(Fields& f, const char* name, MessageMode& out) {
  out = f.message_mode(name, std::nullopt);
}
void get(Fields& f, const char* name, MonitorMode& out) {
  out = f.monitor_mode(name, std::nullopt);
}
void get(Fields& f, const char* name, StopReason& out) { out = f.stop_reason(name); }
void get(Fields& f, const char* name, InstanceAttribute& out) { out = f.attribute(name); }
void get(Fields& f, const char* name, RecordingAccess& out) { out = f.recording_access(name); }

// Reads the fields of E in their listed order (the first bad one is the one reported).
template <class E>
EventBody read(Fields& f) {
  E e{};
  if constexpr (std::is_same_v<E, ev::InstanceAttributeSet>) {
    get(f, "by", e.by);
    get(f, "attribute", e.attribute);
    e.value = f.attribute_value("value", e.attribute);  // its type depends on the attribute
  } else {
    std::apply([&](const auto&... field) { (get(f, field.name, e.*field.member), ...); },
               E::fields());
  }
  return e;
}

// Readers indexed like EventBody, built from its alternatives (by type, not by position).
using Reader = EventBody (*)(Fields&);
template <class... E>
constexpr std::array<Reader, sizeof...(E)> readers(std::variant<E...>*) {
  return {&read<E>...};
}
constexpr auto kReaders = readers(static_cast<EventBody*>(nullptr));

}  // namespace

OrderedJson to_json(const Event& e) {
  OrderedJson j = OrderedJson::object();
  j["type"] = detail::event_type_name(e.body);
  j["at"] = format_timestamp(e.at);
  std::visit([&j](const auto& body) { print(FieldWriter{j}, body); }, e.body);
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
  const auto index = event_index(type);  // its name, or a former one
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
