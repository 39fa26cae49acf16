#include "connectors/connect_import.h"

#include <fmt/format.h>

#include "connectors/record_file.h"
#include "eventstore/event_store.h"

namespace callwatch::connectors {

namespace es = eventstore;

namespace {

[[nodiscard]] Status check_file(const std::string& path) {
  auto f = RecordFile::open(path);
  if (!f) return std::unexpected(f.error());
  std::string record;
  for (;;) {
    auto more = (*f)->next(record);
    if (!more) return std::unexpected(more.error());
    if (!*more) return {};
  }
}

}  // namespace

Result<ImportReport> run_import(const ImportOptions& o) {
  for (const auto& path : o.files)
    if (auto s = check_file(path); !s) return std::unexpected(s.error());
  es::Options so;
  so.durability = o.durability;
  auto store = es::EventStore::open(o.data_dir, so);
  if (!store) return connector_error(fmt::format("{}: {}", o.data_dir, store.error().message));
  auto translator = ConnectTranslator::open(**store);
  if (!translator) return std::unexpected(translator.error());
  ConnectTranslator& t = **translator;
  ImportReport report;
  ConnectBatch batch;
  std::size_t in_batch = 0;
  auto write = [&]() -> Status {
    if (!batch.events.empty() || !batch.aux.empty()) {
      es::AppendOptions with;
      with.aux = std::move(batch.aux);
      if (batch.events.empty()) {
        if (auto s = (*store)->put_checkpoints(with); !s) return connector_error(s.error().message);
      } else if (auto r = (*store)->append(es::parts_in_order(batch.events), with); !r) {
        return connector_error(fmt::format("writing {}: {}", o.data_dir, r.error().message));
      }
    }
    batch.clear();
    t.new_batch();
    in_batch = 0;
    return {};
  };
  for (const auto& path : o.files) {
    auto f = RecordFile::open(path);
    if (!f) return std::unexpected(f.error());
    std::string record;
    for (;;) {
      auto more = (*f)->next(record);
      if (!more) return std::unexpected(more.error());  // changed since it was checked
      if (!*more) break;
      auto r = o.format == ConnectFormat::Ctr ? t.collect(record) : t.translate(o.format, record, batch);
      if (!r) return connector_error(fmt::format("{}: record {}: {}", path, (*f)->records(), r.error()));
      if (*r && report.refused.size() < 100)
        report.refused.push_back({path, (*f)->records(), (*f)->offset(), std::move(**r)});
      if (o.format != ConnectFormat::Ctr && ++in_batch == o.batch) {
        if (auto s = write(); !s) return std::unexpected(s.error());
        if (o.progress) o.progress(path, (*f)->records(), t.counters());
      }
    }
    if (auto s = write(); !s) return std::unexpected(s.error());
    if (o.progress) o.progress(path, (*f)->records(), t.counters());
  }
  if (o.format == ConnectFormat::Ctr) {
    // Contact records overlap in time: their steps are applied in time order, all files together.
    auto applied = t.apply_collected(batch, o.batch, [&](ConnectBatch&) -> std::expected<void, std::string> {
      if (auto s = write(); !s) return std::unexpected(s.error().message);
      return {};
    });
    if (!applied) return connector_error(applied.error());
  }
  report.counters = t.counters();
  return report;
}

}  // namespace callwatch::connectors
