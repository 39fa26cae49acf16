#include "codec/json_fields.h"

#include <fmt/format.h>

#include <limits>

#include "codec/json.h"
#include "codec/time.h"
#include "codec/utf8.h"
#include "codec/type_names.h"
#include "domain/commands.h"

namespace callwatch::codec::detail {
namespace {

// Wire names of an enum, for "allowed: ..." lists: its count (matching domain/vocabulary.h)
// and its parser.
template <class E, int N, std::optional<E> (*Parse)(std::string_view)>
struct EnumInfoOf {
  static constexpr int kCount = N;
  static std::optional<E> parse(std::string_view s) { return Parse(s); }
};
template <class E>
struct EnumInfo;
template <> struct EnumInfo<Channel> : EnumInfoOf<Channel, 2, parse_channel> {};
template <> struct EnumInfo<Visibility> : EnumInfoOf<Visibility, 2, parse_visibility> {};
template <> struct EnumInfo<MessageMode> : EnumInfoOf<MessageMode, 2, parse_message_mode> {};
template <> struct EnumInfo<MonitorMode> : EnumInfoOf<MonitorMode, 3, parse_monitor_mode> {};
template <> struct EnumInfo<StopReason> : EnumInfoOf<StopReason, 4, parse_stop_reason> {};
template <>
struct EnumInfo<RecordingAccess> : EnumInfoOf<RecordingAccess, 3, parse_recording_access> {};
template <>
struct EnumInfo<InstanceAttribute>
    : EnumInfoOf<InstanceAttribute, 4, parse_instance_attribute> {};

template <class E>
std::string allowed() {
  std::string out;
  for (int i = 0; i < EnumInfo<E>::kCount; ++i) {
    if (i) out += ", ";
    out += to_string(static_cast<E>(i));
  }
  return out;
}

// The value of an integral JSON number, if it is one and fits in int64.
std::optional<std::int64_t> as_int(const json& j) {
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (j.is_number_integer()) return j.get<std::int64_t>();
  return std::nullopt;
}

// How a JSON value is shown inside an error message: short, one line.
std::string shown(const json& j) {
  if (j.is_string() || j.is_number() || j.is_boolean() || j.is_null()) {
    const std::string s = json_text(j);
    if (s.size() <= 64) return s;
    return std::string(utf8_prefix(s, 64)) + "...";
  }
  return j.type_name();
}

}  // namespace

void Fields::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

void Fields::check_id(const char* name, std::string_view id) {
  if (id.empty())
    fail(fmt::format("field '{}' must not be empty", name));
  else if (id.size() > kMaxIdBytes)
    fail(fmt::format("field '{}' is {} bytes long; ids are at most {} bytes", name, id.size(),
                     kMaxIdBytes));
}

const json* Fields::get(const char* name, bool required) {
  if (!ok()) return nullptr;
  const auto it = obj_.find(name);
  if (it == obj_.end()) {
    if (required) fail(fmt::format("missing field '{}'", name));
    return nullptr;
  }
  if (it->is_null()) {
    if (required) fail(fmt::format("field '{}' is null; a value is required", name));
    return nullptr;
  }
  return &*it;
}

void Fields::wrong_type(const char* name, const json& value, std::string_view expected) {
  fail(fmt::format("field '{}' must be {}, got {}", name, expected, shown(value)));
}

std::string Fields::string(const char* name) {
  const json* j = get(name, true);
  if (!j) return {};
  if (!j->is_string()) {
    wrong_type(name, *j, "a string");
    return {};
  }
  return j->get<std::string>();
}

std::optional<std::string> Fields::optional_string(const char* name) {
  const json* j = get(name, false);
  if (!j) return std::nullopt;
  if (!j->is_string()) {
    wrong_type(name, *j, "a string");
    return std::nullopt;
  }
  return j->get<std::string>();
}

bool Fields::boolean_or(const char* name, bool fallback) {
  const json* j = get(name, false);
  if (!j) return fallback;
  if (!j->is_boolean()) {
    wrong_type(name, *j, "a boolean");
    return fallback;
  }
  return j->get<bool>();
}

Party Fields::party(const char* name) {
  std::string s = string(name);
  if (!ok()) return Party::customer();
  if (s == "customer") return Party::customer();
  if (s.empty() && strict_ == Strictness::Command)
    fail(fmt::format("field '{}' must be \"customer\" or a user id, got \"\"", name));
  else if (strict_ == Strictness::Command)
    check_id(name, s);
  return Party::of(UserId(std::move(s)));
}

const json* Fields::string_array(const char* name) {
  const json* j = get(name, true);
  if (j && !j->is_array()) {
    wrong_type(name, *j, "an array of strings");
    return nullptr;
  }
  return j;
}

const std::string* Fields::string_at(const char* name, const json& array, std::size_t i) {
  const json& e = array[i];
  if (e.is_string()) return &e.get_ref<const std::string&>();
  fail(fmt::format("field '{}' must be an array of strings, got {} at index {}", name, shown(e),
                   i));
  return nullptr;
}

std::vector<ProfileId> Fields::profiles(const char* name) {
  std::vector<ProfileId> out;
  const json* j = string_array(name);
  if (!j) return out;
  if (j->empty() && strict_ == Strictness::Command) {
    fail(fmt::format("field '{}' must not be empty: a user needs at least one profile", name));
    return out;
  }
  out.reserve(j->size());
  for (std::size_t i = 0; i < j->size(); ++i) {
    const std::string* e = string_at(name, *j, i);
    if (!e) return {};
    if (e->empty() && strict_ == Strictness::Command) {
      fail(fmt::format("field '{}' has an empty profile id at index {}", name, i));
      return {};
    }
    if (strict_ == Strictness::Command) {
      check_id(name, *e);
      if (!ok()) return {};
    }
    out.emplace_back(*e);
  }
  return out;
}

PermissionSet Fields::permissions(const char* name) {
  PermissionSet out;
  const json* j = string_array(name);
  if (!j) return out;
  for (std::size_t i = 0; i < j->size(); ++i) {
    const std::string* e = string_at(name, *j, i);
    if (!e) return {};
    const std::string& s = *e;
    if (const auto p = parse_permission(s)) {
      out.add(*p);
      continue;
    }
    std::string names;
    for (Permission p : all_permissions()) {
      if (!names.empty()) names += ", ";
      names += to_string(p);
    }
    fail(fmt::format("unknown permission '{}' in field '{}' (allowed: {}, or their Amazon "
                     "Connect API names such as ManagerListenIn)",
                     printable(s), name, names));
    return {};
  }
  return out;
}

int Fields::chat_concurrency(const char* name) {
  const json* j = get(name, strict_ == Strictness::Event);
  if (!j) return kDefaultChatConcurrency;
  const auto v = as_int(*j);
  if (strict_ == Strictness::Event) {
    if (!v || *v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())
      wrong_type(name, *j, "an integer");
    return v && ok() ? static_cast<int>(*v) : kDefaultChatConcurrency;
  }
  if (!v || *v < 1 || *v > kMaxChatConcurrency) {
    wrong_type(name, *j, fmt::format("an integer from 1 to {}", kMaxChatConcurrency));
    return kDefaultChatConcurrency;
  }
  return static_cast<int>(*v);
}

std::optional<std::int32_t> Fields::attribute_value(const char* name, InstanceAttribute a) {
  if (!ok()) return std::nullopt;
  const auto it = obj_.find(name);
  if (it == obj_.end()) {
    fail(fmt::format("missing field '{}'", name));
    return std::nullopt;
  }
  const json& j = *it;
  if (strict_ == Strictness::Event) {  // whatever to_json(Event) writes
    if (j.is_null()) return std::nullopt;
    if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
    const auto v = as_int(j);
    if (v && *v >= std::numeric_limits<std::int32_t>::min() &&
        *v <= std::numeric_limits<std::int32_t>::max())
      return static_cast<std::int32_t>(*v);
    wrong_type(name, j, "a boolean, an integer or null");
    return std::nullopt;
  }
  if (is_boolean(a)) {
    if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
    wrong_type(name, j, fmt::format("true or false for {}", to_string(a)));
    return std::nullopt;
  }
  if (j.is_null()) return std::nullopt;  // unset the limit
  const auto v = as_int(j);
  if (v && *v >= 1 && *v <= std::numeric_limits<std::int32_t>::max())
    return static_cast<std::int32_t>(*v);
  wrong_type(name, j, fmt::format("a positive integer or null for {}", to_string(a)));
  return std::nullopt;
}

std::optional<Timestamp> Fields::optional_timestamp(const char* name) {
  const json* j = get(name, false);
  if (!j) return std::nullopt;
  if (!j->is_string()) {
    wrong_type(name, *j, "an ISO-8601 timestamp string");
    return std::nullopt;
  }
  auto t = parse_timestamp(j->get_ref<const std::string&>());
  if (!t) {
    fail(fmt::format("field '{}': {}", name, t.error()));
    return std::nullopt;
  }
  return *t;
}

Timestamp Fields::timestamp(const char* name) {
  if (ok() && !get(name, true)) return {};
  return optional_timestamp(name).value_or(Timestamp{});
}

template <class E>
E Fields::enumeration(const char* name, std::optional<E> fallback) {
  const json* j = get(name, !fallback.has_value());
  if (!j) return fallback.value_or(E{});
  if (!j->is_string()) {
    wrong_type(name, *j, fmt::format("a string (one of {})", allowed<E>()));
    return fallback.value_or(E{});
  }
  const auto& s = j->get_ref<const std::string&>();
  if (const auto v = EnumInfo<E>::parse(s)) return *v;
  fail(fmt::format("field '{}': unknown value '{}' (allowed: {})", name, printable(s),
                   allowed<E>()));
  return fallback.value_or(E{});
}

Channel Fields::channel(const char* name) { return enumeration<Channel>(name, std::nullopt); }
Visibility Fields::visibility(const char* name, std::optional<Visibility> fallback) {
  return enumeration(name, fallback);
}
MessageMode Fields::message_mode(const char* name, std::optional<MessageMode> fallback) {
  return enumeration(name, fallback);
}
StopReason Fields::stop_reason(const char* name) {
  return enumeration<StopReason>(name, std::nullopt);
}
InstanceAttribute Fields::attribute(const char* name) {
  return enumeration<InstanceAttribute>(name, std::nullopt);
}
RecordingAccess Fields::recording_access(const char* name) {
  return enumeration<RecordingAccess>(name, std::nullopt);
}

MonitorMode Fields::monitor_mode(const char* name, std::optional<MonitorMode> fallback) {
  const MonitorMode m = enumeration(name, fallback);
  if (ok() && strict_ == Strictness::Command && m != MonitorMode::Silent &&
      m != MonitorMode::Barge) {
    fail(fmt::format("field '{}' must be SILENT or BARGE, got '{}' (consult mode is "
                     "JoinConversation)",
                     name, to_string(m)));
    return MonitorMode::Silent;
  }
  return m;
}

std::string safe(std::string_view s) { return make_valid_utf8(s); }

std::string json_error_text(const std::exception& e) {
  std::string_view s = e.what();
  // "[json.exception.parse_error.101] parse error at line 1, ..." -> "parse error at line 1, ..."
  if (s.starts_with("[json.exception.")) {
    const auto end = s.find("] ");
    if (end != std::string_view::npos) s.remove_prefix(end + 2);
  }
  // nlohmann quotes the last token read, which can be the whole (huge) input.
  constexpr std::size_t kMax = 200;
  if (s.size() > kMax) return make_valid_utf8(utf8_prefix(s, kMax)) + "...";
  return make_valid_utf8(s);
}

}  // namespace callwatch::codec::detail
