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

std::expected<std::optional<RecordProblem>, std::string> ConnectTranslator::read(ConnectFormat,
                                                                                std::string_view text,
                                                                                json& record) {
  ++counters_.records;
  auto refuse = [&](RecordProblem p) -> std::optional<RecordProblem> {
    ++counters_.refused;
    return p;
  };
  if (text.size() > kMaxConnectRecordBytes)
    return refuse(refused(fmt::format("record is {} bytes long: at most {}", text.size(), kMaxConnectRecordBytes)));
  if (auto bad = codec::find_invalid_utf8(text)) return refuse(refused(codec::describe(*bad, text)));
  try {
    record = json::parse(text, nullptr, true, /*ignore_comments=*/true);
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
    return refuse(refused("not JSON: " + std::string(codec::utf8_prefix(what, 200))));
  }
  if (!record.is_object()) return refuse(refused(fmt::format("a record must be a JSON object, got {}", record.type_name())));
  return std::nullopt;
}

std::expected<std::optional<RecordProblem>, std::string> ConnectTranslator::translate(ConnectFormat format,
                                                                                     std::string_view text,
                                                                                     ConnectBatch& batch) {
  json record;
  auto r = read(format, text, record);
  if (!r || *r) return r;
  auto refuse = [&](RecordProblem p) -> std::optional<RecordProblem> {
    ++counters_.refused;
    return p;
  };
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
      auto admitted = admit_contact_record(*e, facts_, counters_);
      if (!admitted) return std::unexpected(admitted.error());
      if (!*admitted) break;
      steps_.clear();
      contact_record_steps(*e, 0, steps_);
      for (const CtrStep& step : steps_)
        if (applied = apply_ctr_step(*e, step, facts_, batch, counters_); !applied) break;
      break;
    }
  }
  if (!applied) return std::unexpected(applied.error());
  return std::nullopt;
}

std::expected<std::optional<RecordProblem>, std::string> ConnectTranslator::collect(std::string_view text) {
  json record;
  auto r = read(ConnectFormat::Ctr, text, record);
  if (!r || *r) return r;
  auto e = read_contact_record(record, counters_);
  if (!e) {
    ++counters_.refused;
    return std::move(e.error());
  }
  auto admitted = admit_contact_record(*e, facts_, counters_);
  if (!admitted) return std::unexpected(admitted.error());
  if (!*admitted) return std::nullopt;
  auto [it, fresh] = chosen_.try_emplace(e->contact, collected_.size());
  if (fresh) {
    collected_.push_back(std::move(*e));
  } else {
    ++counters_.duplicates;  // keep the latest LastUpdateTimestamp
    if (collected_[it->second].version < e->version) collected_[it->second] = std::move(*e);
  }
  return std::nullopt;
}

std::expected<void, std::string> ConnectTranslator::apply_collected(
    ConnectBatch& batch, std::size_t batch_steps,
    const std::function<std::expected<void, std::string>(ConnectBatch&)>& write) {
  steps_.clear();
  for (std::size_t i = 0; i < collected_.size(); ++i)
    contact_record_steps(collected_[i], static_cast<std::uint32_t>(i), steps_);
  std::stable_sort(steps_.begin(), steps_.end(), [](const CtrStep& a, const CtrStep& b) { return a.at < b.at; });
  std::size_t in_batch = 0;
  for (const CtrStep& step : steps_) {
    if (auto s = apply_ctr_step(collected_[step.record], step, facts_, batch, counters_); !s) return s;
    if (++in_batch == batch_steps) {
      if (auto s = write(batch); !s) return s;
      in_batch = 0;
    }
  }
  collected_.clear();
  chosen_.clear();
  steps_.clear();
  return write(batch);
}

}  // namespace callwatch::connectors
