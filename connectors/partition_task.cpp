#include "connectors/partition_task.h"

#include <fmt/format.h>

#include <absl/container/flat_hash_set.h>

#include <charconv>
#include <filesystem>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "domain/events.h"

namespace callwatch::connectors {

namespace es = eventstore;

std::string partition_store_dir(const std::string& data_dir, const std::string& topic, std::int32_t partition) {
  return fmt::format("{}/{}.{}", data_dir, topic, partition);
}

std::string offset_checkpoint_key(const std::string& topic, std::int32_t partition) {
  return fmt::format("kafka/{}/{}", topic, partition);
}

namespace {

// A store is created aside and renamed into place: a process killed while RocksDB lays out
// a new store leaves no half-made store behind for the next owner, only a leftover that is
// removed and made again.
[[nodiscard]] Status create_store_atomically(const std::string& dir, const es::Options& options) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) return {};
  const std::string aside = dir + ".creating";
  std::filesystem::remove_all(aside, ec);
  {
    auto store = es::EventStore::open(aside, options);
    if (!store) return connector_error(fmt::format("creating partition store {}: {}", dir, store.error().message));
  }
  std::filesystem::rename(aside, dir, ec);
  if (ec) return connector_error(fmt::format("creating partition store {}: {}", dir, ec.message()));
  return {};
}

}  // namespace

Result<std::unique_ptr<PartitionTask>> PartitionTask::open(const TaskOptions& options) {
  std::unique_ptr<PartitionTask> t(new PartitionTask(options));
  t->checkpoint_key_ = offset_checkpoint_key(options.topic, options.partition);
  const std::string dir = partition_store_dir(options.data_dir, options.topic, options.partition);
  es::Options store_options;
  store_options.durability = options.durability;
  if (auto s = create_store_atomically(dir, store_options); !s) return std::unexpected(s.error());
  if (options.format == WireFormat::Json) {
    engine::EngineOptions eo;
    eo.data_dir = dir;
    eo.store = store_options;
    eo.genesis_at_first_command = true;  // as `apply`: the genesis takes the first command's time
    auto e = engine::Engine::open(std::move(eo));
    if (!e) return connector_error(fmt::format("partition store {}: {}", dir, e.error().message));
    t->engine_ = std::move(*e);
  } else {
    auto s = es::EventStore::open(dir, store_options);
    if (!s) return connector_error(fmt::format("partition store {}: {}", dir, s.error().message));
    t->store_ = std::move(*s);
    if (is_connect(options.format)) {
      auto tr = ConnectTranslator::open(*t->store_);
      if (!tr) return std::unexpected(tr.error());
      t->translator_ = std::move(*tr);
    }
  }
  auto cp = t->store().get_checkpoint(t->checkpoint_key_);
  if (!cp) return connector_error(fmt::format("partition store {}: {}", dir, cp.error().message));
  if (*cp) {
    std::int64_t next = 0;
    const auto [p, ec] = std::from_chars((*cp)->data(), (*cp)->data() + (*cp)->size(), next);
    if (ec != std::errc() || p != (*cp)->data() + (*cp)->size() || next < 0)
      return connector_error(fmt::format("partition store {}: checkpoint {} holds '{}', not an offset", dir,
                                         t->checkpoint_key_, **cp));
    t->next_offset_ = next;
  }
  auto q = quarantine_state(t->store());
  if (!q) return connector_error(fmt::format("partition store {}: {}", dir, q.error().message));
  t->quarantine_ = *q;
  return t;
}

es::EventStore& PartitionTask::store() const { return engine_ ? *engine_->store() : *store_; }

void PartitionTask::quarantine(const InRecord& r, std::string_view code, std::string_view reason,
                               es::AppendOptions& with) {
  QuarantinedRecord q{options_.topic, options_.partition, r.offset, std::string(code), std::string(reason),
                      std::string(r.key), std::string(r.value)};
  with.aux.push_back({quarantine_entry_key(staged_quarantine_++), encode_quarantined(q)});
}

void PartitionTask::finish(std::int64_t next, es::AppendOptions& with) const {
  with.checkpoints.push_back({checkpoint_key_, std::to_string(next)});
  if (staged_quarantine_ != quarantine_.count)
    with.aux.push_back({std::string(kQuarantineCountKey), std::to_string(staged_quarantine_)});
}

Status PartitionTask::process(std::span<const InRecord> records) {
  // Skip what the store already holds (a fetch that started before the checkpoint).
  std::size_t first = 0;
  while (first < records.size() && next_offset_ && records[first].offset < *next_offset_) ++first;
  records = records.subspan(first);
  if (records.empty()) return {};
  staged_quarantine_ = quarantine_.count;
  Status s = options_.format == WireFormat::Json ? process_json(records)
             : is_connect(options_.format)        ? process_connect(records)
                                                  : process_facts(records);
  if (!s) return s;
  counters_.quarantined += staged_quarantine_ - quarantine_.count;
  counters_.records += records.size();
  quarantine_.count = staged_quarantine_;
  next_offset_ = records.back().offset + 1;
  return {};
}

Status PartitionTask::process_json(std::span<const InRecord> records) {
  commands_.clear();
  record_of_command_.clear();
  // Parse failures are known now; the rules' rejections once the batch is decided. Both go
  // into the batch's one write, in offset order.
  std::vector<std::pair<std::size_t, Rejection>> invalid;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto c = codec::parse_command(records[i].value);
    if (!c) {
      invalid.emplace_back(i, std::move(c.error()));
      continue;
    }
    if (c->command_id.empty())
      c->command_id = fmt::format("{}/{}/{}", options_.topic, options_.partition, records[i].offset);
    commands_.push_back(std::move(*c));
    record_of_command_.push_back(i);
  }
  std::uint64_t events = 0;
  auto with = [&](std::span<const engine::Outcome> outcomes, es::AppendOptions& o) {
    std::size_t next_invalid = 0;
    for (std::size_t c = 0; c <= outcomes.size(); ++c) {
      const std::size_t at = c < outcomes.size() ? record_of_command_[c] : records.size();
      for (; next_invalid < invalid.size() && invalid[next_invalid].first < at; ++next_invalid) {
        const auto& [i, rej] = invalid[next_invalid];
        quarantine(records[i], to_string(rej.code), rej.reason, o);
      }
      if (c == outcomes.size()) break;
      if (!outcomes[c]) quarantine(records[at], to_string(outcomes[c].error().code), outcomes[c].error().reason, o);
      else events += outcomes[c]->size();
    }
    finish(records.back().offset + 1, o);
  };
  if (commands_.empty()) {
    es::AppendOptions o;
    with({}, o);
    if (auto s = store().put_checkpoints(o); !s) return connector_error(s.error().message);
    return {};
  }
  if (auto s = engine_->execute_batch_into(commands_, outcomes_, with); !s)
    return connector_error(fmt::format("writing partition {} of '{}': {}", options_.partition, options_.topic,
                                       s.error().message));
  counters_.events += events;
  return {};
}

Status PartitionTask::process_facts(std::span<const InRecord> records) {
  es::AppendOptions with;
  std::size_t used = 0;
  fact_ids_.clear();
  std::vector<std::size_t> record_of_fact;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto envelope = codec::decode_event(records[i].value);
    if (!envelope) {
      quarantine(records[i], "UNDECODABLE_EVENT", envelope.error().message, with);
      continue;
    }
    const std::string type = std::string(type_name(envelope->event.body));
    if (envelope->event_id.empty() || envelope->stream.empty() || envelope->event_id.size() > es::kMaxNameBytes ||
        envelope->stream.size() > es::kMaxNameBytes) {
      quarantine(records[i], "UNDECODABLE_EVENT",
                 fmt::format("event id and stream must be 1..{} bytes", es::kMaxNameBytes), with);
      continue;
    }
    if (used == facts_.size()) facts_.emplace_back();
    es::NewEvent& f = facts_[used++];
    f.event_id = std::move(envelope->event_id);
    f.stream = std::move(envelope->stream);
    f.type = type;
    f.data.assign(records[i].value);
    fact_ids_.push_back(f.event_id);
    record_of_fact.push_back(i);
  }
  // Idempotent by event id: drop what the store holds and repeats within the batch.
  if (auto s = store().find_events(fact_ids_, found_); !s) return connector_error(s.error().message);
  std::vector<es::NewEvent> fresh;
  fresh.reserve(used);
  absl::flat_hash_set<std::string_view> seen;
  for (std::size_t n = 0; n < used; ++n) {
    if (found_[n] || !seen.insert(facts_[n].event_id).second) {
      ++counters_.duplicates;
      continue;
    }
    fresh.push_back(std::move(facts_[n]));
  }
  finish(records.back().offset + 1, with);
  if (fresh.empty()) {
    if (auto s = store().put_checkpoints(with); !s) return connector_error(s.error().message);
  } else {
    auto r = store().append(es::parts_in_order(fresh), with);
    if (!r)
      return connector_error(fmt::format("writing partition {} of '{}': {}", options_.partition, options_.topic,
                                         r.error().message));
    counters_.events += fresh.size();
  }
  return {};
}

Status PartitionTask::process_connect(std::span<const InRecord> records) {
  const ConnectFormat format = options_.format == WireFormat::ConnectAgent     ? ConnectFormat::Agent
                               : options_.format == WireFormat::ConnectContact ? ConnectFormat::Contact
                                                                               : ConnectFormat::Ctr;
  es::AppendOptions with;
  connect_batch_.clear();
  translator_->new_batch();
  const ConnectCounters before = translator_->counters();
  for (const InRecord& r : records) {
    auto t = translator_->translate(format, r.value, connect_batch_);
    if (!t)
      return connector_error(fmt::format("partition {} of '{}', offset {}: {}", options_.partition, options_.topic,
                                         r.offset, t.error()));
    if (*t) quarantine(r, (*t)->code, (*t)->reason, with);
  }
  for (auto& kv : connect_batch_.aux) with.aux.push_back(std::move(kv));
  finish(records.back().offset + 1, with);
  if (connect_batch_.events.empty()) {
    if (auto s = store().put_checkpoints(with); !s) return connector_error(s.error().message);
  } else {
    auto r = store().append(es::parts_in_order(connect_batch_.events), with);
    if (!r)
      return connector_error(fmt::format("writing partition {} of '{}': {}", options_.partition, options_.topic,
                                         r.error().message));
  }
  const ConnectCounters& after = translator_->counters();
  counters_.events += after.events - before.events;
  counters_.duplicates += after.duplicates - before.duplicates;
  counters_.findings += after.findings - before.findings;
  return {};
}

Status PartitionTask::mark_forwarded(std::uint64_t forwarded) {
  es::AppendOptions o;
  o.aux.push_back({std::string(kQuarantineForwardedKey), std::to_string(forwarded)});
  if (auto s = store().put_checkpoints(o); !s) return connector_error(s.error().message);
  quarantine_.forwarded = forwarded;
  return {};
}

}  // namespace callwatch::connectors
