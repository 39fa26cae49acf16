// stats() and verify(): what the store holds, and whether it is consistent.
#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>

#include "eventstore/event_store.h"
#include "eventstore/format.h"
#include "eventstore/store_impl.h"

namespace callwatch::eventstore {

namespace {

std::uint64_t directory_bytes(const std::string& dir) {
  std::error_code ec;
  std::uint64_t total = 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code fe;
    if (it->is_regular_file(fe)) total += it->file_size(fe);
  }
  return total;
}

}  // namespace

Result<StoreStats> EventStore::stats() const {
  const StoreImpl& s = *impl_;
  StoreStats st;
  Position h = s.head.load(std::memory_order_acquire);
  IndexCounters c = s.readonly_index;
  if (s.indexer) {
    ignore_error(s.indexer->wait_indexed(h, std::chrono::seconds(10)),
                 "stats report the index as far as it got");
    c = s.indexer->counters();
    h = std::max(h, c.indexed);
  }
  st.last_position = h;
  st.events = h;  // positions have no gaps
  st.streams = c.streams;
  for (auto& [type, n] : c.types) st.events_per_type.emplace(type, n);
  if (c.indexed < h) {  // count what the index does not cover yet
    auto cur = s.cursor(c.indexed + 1);
    if (!cur) return std::unexpected(cur.error());
    for (; cur->valid() && cur->event().position <= h; cur->next()) {
      ++st.events_per_type[std::string(cur->event().type)];
      if (cur->event().stream_version == 1) ++st.streams;
    }
    if (!cur->status()) return std::unexpected(cur->status().error());
  }
  st.size_on_disk_bytes = s.options.in_memory ? 0 : directory_bytes(s.path);
  st.durability = s.durability;
  std::string schema;
  if (s.db->Get(rocksdb::ReadOptions(), s.meta_cf, format::kSchemaKey, &schema).ok())
    st.schema_version = static_cast<std::uint32_t>(std::strtoul(schema.c_str(), nullptr, 10));
  return st;
}

Status EventStore::verify() const {
  const StoreImpl& s = *impl_;
  const Position h = s.head.load(std::memory_order_acquire);
  if (s.indexer && !s.indexer->wait_indexed(h, std::chrono::seconds(30)))
    return store_error(StoreErrorCode::Timeout, "the stream index did not catch up");
  const Position indexed = std::min(s.indexed_position(), h);

  // The log: positions 1..h, each stream's versions 1, 2, 3, ...
  std::unordered_map<std::string, std::vector<Position>> streams;
  std::unordered_map<std::string, std::uint64_t> types;
  std::uint64_t indexed_streams = 0;
  {
    auto cur = s.cursor(1);
    if (!cur) return std::unexpected(cur.error());
    Position n = 0;
    for (; cur->valid(); cur->next()) {
      const RecordedEventView& e = cur->event();
      auto& positions = streams[std::string(e.stream)];
      if (e.stream_version != positions.size() + 1)
        return store_error(StoreErrorCode::Corruption,
                           fmt::format("stream '{}' has version {} at position {} after {} events",
                                       e.stream, e.stream_version, e.position, positions.size()));
      positions.push_back(e.position);
      if (e.position <= indexed) {
        ++types[std::string(e.type)];
        if (e.stream_version == 1) ++indexed_streams;
      }
      ++n;
    }
    if (!cur->status()) return cur->status();
    if (n != h)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("the log holds {} events but its head is {}", n, h));
  }

  // The index: every run entry points at the event with that stream and version, and the
  // runs cover exactly the events up to the index checkpoint.
  std::uint64_t covered = 0;
  std::unique_ptr<rocksdb::Iterator> it(s.db->NewIterator(rocksdb::ReadOptions(), s.index_cf));
  std::vector<Position> run;
  std::string prefix(1, format::kRunPrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string_view key(it->key().data() + 1, it->key().size() - 1);
    std::string_view stream;
    run.clear();
    if (!format::get_field(key, stream) || key.size() != 8 ||
        !decode_run(std::string_view(it->value().data(), it->value().size()), run))
      return store_error(StoreErrorCode::Corruption, "damaged stream index key or run");
    StreamVersion first = format::get_be64(key.data());
    auto found = streams.find(std::string(stream));
    for (std::size_t i = 0; i < run.size(); ++i) {
      StreamVersion v = first + i;
      if (found == streams.end() || v == 0 || v > found->second.size() ||
          found->second[v - 1] != run[i])
        return store_error(StoreErrorCode::Corruption,
                           fmt::format("stream index: '{}' version {} -> position {}, but the log "
                                       "disagrees",
                                       stream, v, run[i]));
      if (run[i] > indexed)
        return store_error(StoreErrorCode::Corruption,
                           fmt::format("stream index covers position {} beyond its checkpoint {}",
                                       run[i], indexed));
      ++covered;
    }
  }
  if (!it->status().ok()) return std::unexpected(rocks_status_error(it->status(), "reading the index"));
  if (covered != indexed)
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("stream index covers {} events, its checkpoint says {}", covered,
                                   indexed));

  IndexCounters c = s.indexer ? s.indexer->counters() : s.readonly_index;
  if (c.streams != indexed_streams)
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("stream counter says {}, the log has {}", c.streams, indexed_streams));
  for (const auto& [type, n] : types) {
    auto t = c.types.find(type);
    if (t == c.types.end() || t->second != n)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("counter of type '{}' is wrong", type));
  }
  if (c.types.size() != types.size())
    return store_error(StoreErrorCode::Corruption, "type counters name types the log lacks");
  return {};
}

}  // namespace callwatch::eventstore
