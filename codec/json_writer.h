// Writing the fields of one command or event as JSON, the same way for both (internal to
// codec/: command_json.cpp, event_json.cpp). Each field type has one spelling: ids and free
// text as (UTF-8-safe) strings, enums by their wire names, a party as a user id or
// "customer", permissions in their canonical order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "codec/json.h"
#include "codec/json_fields.h"
#include "codec/time.h"
#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/vocabulary.h"

namespace callwatch::codec::detail {

class FieldWriter {
 public:
  FieldWriter(OrderedJson& j) : j_(j) {}  // NOLINT: implicit, so a printer is `Printer{j}`

  template <class Tag>
  void put(const char* key, const Id<Tag>& id) const {
    j_[key] = safe(id.view());
  }
  void put(const char* key, const std::string& text) const { j_[key] = safe(text); }
  void put(const char* key, bool b) const { j_[key] = b; }
  void put(const char* key, int n) const { j_[key] = n; }
  void put(const char* key, Timestamp t) const { j_[key] = format_timestamp(t); }
  template <class E>
    requires std::is_enum_v<E>
  void put(const char* key, E e) const {
    j_[key] = to_string(e);
  }
  void put(const char* key, const Party& p) const {
    j_[key] = p.is_customer() ? std::string("customer") : safe(p.user.view());
  }
  void put(const char* key, const std::vector<ProfileId>& profiles) const {
    OrderedJson a = OrderedJson::array();
    for (const auto& p : profiles) a.push_back(safe(p.view()));
    j_[key] = std::move(a);
  }
  void put(const char* key, PermissionSet permissions) const {
    OrderedJson a = OrderedJson::array();
    for (Permission p : all_permissions())
      if (permissions.has(p)) a.push_back(to_string(p));
    j_[key] = std::move(a);
  }
  // "attribute" and "value": a boolean attribute's 0/1 as false/true, any other value (a
  // limit, or a foreign producer's odd boolean) as the number, no value as null.
  void attribute(InstanceAttribute attribute, std::optional<std::int32_t> value) const {
    j_["attribute"] = to_string(attribute);
    if (!value)
      j_["value"] = nullptr;
    else if (is_boolean(attribute) && (*value == 0 || *value == 1))
      j_["value"] = *value == 1;
    else
      j_["value"] = *value;
  }

 private:
  OrderedJson& j_;
};

}  // namespace callwatch::codec::detail
