#include "eventstore/salvage.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>

#include "eventstore/event_store.h"

namespace callwatch::eventstore {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBatch = 4096;

[[nodiscard]] Status refuse_target(const std::string& to) {
  std::error_code ec;
  if (!fs::exists(to, ec)) return {};
  if (!fs::is_directory(to, ec))
    return store_error(StoreErrorCode::InvalidArgument, fmt::format("{} exists and is not a directory", to));
  if (!fs::is_empty(to, ec) || ec)
    return store_error(StoreErrorCode::InvalidArgument,
                       fmt::format("{} is not empty; salvage writes only into a new or empty directory", to));
  return {};
}

struct Writer {
  std::unique_ptr<EventStore> store;
  std::vector<NewEvent> batch;
  std::vector<Position> old_positions;
  SalvageReport& report;

  [[nodiscard]] Status flush() {
    if (batch.empty()) return {};
    auto parts = parts_in_order(batch);
    auto r = store->append(parts);
    if (!r) return std::unexpected(r.error());
    if (r->replayed || r->positions.size() != batch.size())
      return store_error(StoreErrorCode::Corruption, "the old store repeats event ids");
    for (std::size_t i = 0; i < batch.size(); ++i) {
      auto& m = report.mapping;
      if (!m.empty() && m.back().old_first + m.back().count == old_positions[i] &&
          m.back().new_first + m.back().count == r->positions[i])
        ++m.back().count;
      else
        m.push_back({old_positions[i], r->positions[i], 1});
    }
    report.copied_events += batch.size();
    batch.clear();
    old_positions.clear();
    return {};
  }

  [[nodiscard]] Status add(const RecordedEventView& e) {
    batch.push_back(NewEvent{std::string(e.event_id), std::string(e.stream), std::string(e.type),
                             std::string(e.data)});
    old_positions.push_back(e.position);
    return batch.size() >= kBatch ? flush() : Status{};
  }
};

}  // namespace

Result<SalvageReport> salvage_store(const std::string& from, const std::string& to,
                                    const VerifyOptions& options) {
  if (auto r = refuse_target(to); !r) return std::unexpected(r.error());
  std::error_code ec;
  if (fs::exists(from, ec) && fs::exists(to, ec) && fs::equivalent(from, to, ec))
    return store_error(StoreErrorCode::InvalidArgument, "salvage needs a new directory, not the store itself");
  fs::path target = fs::absolute(to, ec);
  std::string partial = (target.parent_path() / (target.filename().string() + ".salvage-partial-" +
                                                 std::to_string(::getpid())))
                            .string();
  fs::remove_all(partial, ec);
  SalvageReport report;
  report.to = to;
  Result<VerifyReport> source;
  {
    Options o;
    o.durability = Durability::Sync;  // each batch fsynced: complete and durable before the rename
    auto opened = EventStore::open(partial, o);
    if (!opened) return std::unexpected(opened.error());
    Writer w{std::move(*opened), {}, {}, report};
    source = verify_store(from, options, [&w](const RecordedEventView& e) { return w.add(e); });
    Status last = source ? w.flush() : Status{};
    w.store.reset();
    if (!source || !last) {
      fs::remove_all(partial, ec);
      return std::unexpected(source ? last.error() : source.error());
    }
  }
  report.source = std::move(*source);
  if (fs::exists(to, ec)) fs::remove(to, ec);  // the empty directory it may have been
  fs::rename(partial, to, ec);
  if (ec) {
    fs::remove_all(partial, ec);
    return store_error(StoreErrorCode::IoError, fmt::format("moving the salvaged store to {}: {}", to, ec.message()));
  }
  return report;
}

}  // namespace callwatch::eventstore
