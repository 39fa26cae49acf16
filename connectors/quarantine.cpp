#include "connectors/quarantine.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "connectors/stored_number.h"

namespace callwatch::connectors {
namespace {

[[nodiscard]] Result<std::uint64_t> read_counter(const eventstore::EventStore& store, std::string_view key) {
  auto v = store.get_aux(key);
  if (!v) return connector_error(fmt::format("reading {}: {}", key, v.error().message));
  if (!*v) return std::uint64_t{0};
  const auto n = parse_stored_number(**v);
  if (!n) return connector_error(fmt::format("{} holds '{}', not a number", key, **v));
  return *n;
}

}  // namespace

std::string quarantine_entry_key(std::uint64_t n) { return fmt::format("quarantine/{:020}", n); }

std::string encode_quarantined(const QuarantinedRecord& r) {
  nlohmann::ordered_json j{{"topic", r.topic},   {"partition", r.partition}, {"offset", r.offset},
                           {"code", r.code},     {"reason", r.reason},       {"keyBytes", r.key.size()},
                           {"valueBytes", r.value.size()}};
  std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\n';
  out += r.key;
  out += r.value;
  return out;
}

Result<QuarantinedRecord> decode_quarantined(std::string_view bytes) {
  const auto nl = bytes.find('\n');
  if (nl == std::string_view::npos) return connector_error("quarantine entry without its header line");
  nlohmann::json j = nlohmann::json::parse(bytes.substr(0, nl), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return connector_error("quarantine entry with a damaged header");
  QuarantinedRecord r;
  try {
    r.topic = j.at("topic").get<std::string>();
    r.partition = j.at("partition").get<std::int32_t>();
    r.offset = j.at("offset").get<std::int64_t>();
    r.code = j.at("code").get<std::string>();
    r.reason = j.at("reason").get<std::string>();
    const auto k = j.at("keyBytes").get<std::size_t>();
    const auto v = j.at("valueBytes").get<std::size_t>();
    const std::string_view rest = bytes.substr(nl + 1);
    if (rest.size() != k + v) return connector_error("quarantine entry of the wrong size");
    r.key = rest.substr(0, k);
    r.value = rest.substr(k);
  } catch (const nlohmann::json::exception& e) {
    return connector_error(fmt::format("quarantine entry with a damaged header: {}", e.what()));
  }
  return r;
}

Result<QuarantineState> quarantine_state(const eventstore::EventStore& store) {
  QuarantineState s;
  auto count = read_counter(store, kQuarantineCountKey);
  if (!count) return std::unexpected(count.error());
  auto forwarded = read_counter(store, kQuarantineForwardedKey);
  if (!forwarded) return std::unexpected(forwarded.error());
  s.count = *count;
  s.forwarded = *forwarded;
  return s;
}

Result<std::vector<QuarantinedRecord>> read_quarantine(const eventstore::EventStore& store, std::uint64_t from,
                                                      std::uint64_t to) {
  std::vector<QuarantinedRecord> out;
  for (std::uint64_t n = from; n < to; ++n) {
    auto v = store.get_aux(quarantine_entry_key(n));
    if (!v) return connector_error(fmt::format("reading quarantine entry {}: {}", n, v.error().message));
    if (!*v) return connector_error(fmt::format("quarantine entry {} is missing", n));
    auto r = decode_quarantined(**v);
    if (!r) return connector_error(fmt::format("quarantine entry {}: {}", n, r.error().message));
    out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace callwatch::connectors
