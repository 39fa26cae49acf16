#include "connectors/connect_translator.h"

#include <fmt/format.h>

#include "codec/event_codec.h"
#include "codec/utf8.h"
#include "connectors/connect_agent.h"
#include "connectors/connect_contact.h"
#include "connectors/connect_ctr.h"
#include "domain/evolve.h"

namespace callwatch::connectors {

using nlohmann::json;

Result<std::unique_ptr<ConnectTranslator>> ConnectTranslator::open(const eventstore::EventStore& store) {
  std::unique_ptr<ConnectTranslator> t(new ConnectTranslator(store));
  auto cursor = store.read_all(1);
  if (!cursor) return connector_error(fmt::format("reading {}: {}", store.path(), cursor.error().message));
  for (; cursor->valid(); cursor->next()) {
    auto e = codec::decode_event(cursor->event().data);
    if (!e)
      return connector_error(fmt::format("reading {}: event at position {}: {}", store.path(),
                                         cursor->event().position, e.error().message));
    evolve(t->state_, e->event);
  }
  if (!cursor->status())
    return connector_error(fmt::format("reading {}: {}", store.path(), cursor->status().error().message));
  return t;
}

namespace {

RecordProblem refused(std::string reason) { return {"INVALID_CONNECT_RECORD", std::move(reason)}; }

}  // namespace

std::expected<std::optional<RecordProblem>, std::string> ConnectTranslator::translate(ConnectFormat format,
                                                                                     std::string_view text,
                                                                                     ConnectBatch& batch) {
  ++counters_.records;
  auto refuse = [&](RecordProblem p) -> std::optional<RecordProblem> {
    ++counters_.refused;
    return p;
  };
  if (text.size() > kMaxConnectRecordBytes)
    return refuse(refused(fmt::format("record is {} bytes long: at most {}", text.size(), kMaxConnectRecordBytes)));
  if (auto bad = codec::find_invalid_utf8(text)) return refuse(refused(codec::describe(*bad, text)));
  json record;
  try {
    record = json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return refuse(refused("not JSON: " + std::string(codec::utf8_prefix(what, 200))));
  }
  if (!record.is_object()) return refuse(refused(fmt::format("a record must be a JSON object, got {}", record.type_name())));
  std::expected<void, std::string> applied;
  switch (format) {
    case ConnectFormat::Agent: {
      auto e = read_agent_event(record, counters_);
      if (!e) return refuse(std::move(e.error()));
      applied = apply_agent_event(*e, facts_, batch, counters_);
      break;
    }
    case ConnectFormat::Contact: {
      auto e = read_contact_event(record, counters_);
      if (!e) return refuse(std::move(e.error()));
      applied = apply_contact_event(*e, facts_, batch, counters_);
      break;
    }
    case ConnectFormat::Ctr: {
      auto e = read_contact_record(record, counters_);
      if (!e) return refuse(std::move(e.error()));
      applied = apply_contact_record(*e, facts_, batch, counters_);
      break;
    }
  }
  if (!applied) return std::unexpected(applied.error());
  return std::nullopt;
}

}  // namespace callwatch::connectors
