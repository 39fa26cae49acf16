#include "connectors/connect_json.h"

#include <fmt/format.h>

#include "codec/json.h"
#include "codec/time.h"

namespace callwatch::connectors {

using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string arn_tail(std::string_view arn) {
  const auto slash = arn.rfind('/');
  return std::string(slash == std::string_view::npos ? arn : arn.substr(slash + 1));
}

const json* ConnectObject::get(std::string_view key) const {
  if (!obj_->is_object()) return nullptr;
  const json* found = nullptr;
  if (auto it = obj_->find(key); it != obj_->end()) {
    found = &*it;
  } else {
    for (auto i = obj_->begin(); i != obj_->end(); ++i)
      if (iequals(i.key(), key)) {
        found = &i.value();
        break;
      }
  }
  return found && !found->is_null() ? found : nullptr;
}

std::string ConnectObject::name(std::string_view key) const {
  return where_.empty() ? std::string(key) : fmt::format("{}.{}", where_, key);
}

void ConnectObject::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

void ConnectObject::absorb(const ConnectObject& inner) {
  if (!inner.ok()) fail(inner.error());
}

std::optional<std::string> ConnectObject::string(std::string_view key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(fmt::format("field '{}' must be a string, got {}", name(key), v->type_name()));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> ConnectObject::optional_id(std::string_view key) {
  auto s = string(key);
  if (!s) return std::nullopt;
  if (s->empty()) {
    fail(fmt::format("field '{}' must not be empty", name(key)));
    return std::nullopt;
  }
  if (s->size() > codec::kMaxIdBytes) {
    fail(fmt::format("field '{}' is {} bytes long: at most {}", name(key), s->size(), codec::kMaxIdBytes));
    return std::nullopt;
  }
  return s;
}

std::string ConnectObject::id(std::string_view key) {
  auto s = optional_id(key);
  if (!s) {
    if (ok()) fail(fmt::format("field '{}' is missing", name(key)));
    return {};
  }
  return std::move(*s);
}

std::optional<Timestamp> ConnectObject::time(std::string_view key) {
  auto s = string(key);
  if (!s) return std::nullopt;
  auto t = codec::parse_timestamp(*s);
  if (!t) {
    fail(fmt::format("field '{}': {}", name(key), t.error()));
    return std::nullopt;
  }
  return *t;
}

std::optional<ConnectObject> ConnectObject::object(std::string_view key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_object()) {
    fail(fmt::format("field '{}' must be an object, got {}", name(key), v->type_name()));
    return std::nullopt;
  }
  return ConnectObject(*v, name(key));
}

const json* ConnectObject::array(std::string_view key) {
  const json* v = get(key);
  if (!v) return nullptr;
  if (!v->is_array()) {
    fail(fmt::format("field '{}' must be an array, got {}", name(key), v->type_name()));
    return nullptr;
  }
  return v;
}

std::optional<std::int64_t> ConnectObject::integer(std::string_view key) {
  const json* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(fmt::format("field '{}' must be an integer, got {}", name(key), v->type_name()));
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::uint64_t ConnectObject::unknown(std::initializer_list<std::string_view> known) const {
  if (!obj_->is_object()) return 0;
  std::uint64_t n = 0;
  for (auto i = obj_->begin(); i != obj_->end(); ++i) {
    bool k = false;
    for (auto name : known) k = k || iequals(i.key(), name);
    if (!k) ++n;
  }
  return n;
}

}  // namespace callwatch::connectors
