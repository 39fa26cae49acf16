// verify_store(): the scan that reads past damage, and the report.
#include "eventstore/verify.h"

#include <fmt/format.h>
#include <rocksdb/convenience.h>
#include <rocksdb/metadata.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "eventstore/damaged_open.h"
#include "eventstore/format.h"
#include "eventstore/indexer.h"
#include "eventstore/tuning.h"
#include "eventstore/type_dictionary.h"

namespace callwatch::eventstore {

std::string_view to_string(LossKind k) {
  switch (k) {
    case LossKind::Unreadable: return "unreadable";
    case LossKind::Missing: return "missing";
    case LossKind::BadRecord: return "bad-record";
    case LossKind::BadData: return "bad-data";
  }
  return "unknown";
}

std::uint64_t VerifyReport::lost_positions() const {
  std::uint64_t n = 0;
  for (const auto& r : lost) n += r.last - r.first + 1;
  return n;
}

namespace {

// Point reads resolve at most this many positions between two readable ones; a wider hole is
// reported as one unreadable range (a table file of millions of events that does not open).
constexpr Position kMaxPointReads = Position{1} << 22;

struct Scan {
  Scan(const DamagedDb& d, const VerifyOptions& o, const IntactEventVisitor& v, VerifyReport& r)
      : db(d), options(o), visit(v), report(r) {}
  const DamagedDb& db;
  const VerifyOptions& options;
  const IntactEventVisitor& visit;
  VerifyReport& report;
  TypeDictionary types;
  bool types_damaged = false;

  Position next = 1;  // the first position not classified yet
  std::unordered_map<std::string, std::uint32_t> stream_ids;
  std::vector<std::string> stream_names{""};
  std::vector<StreamVersion> stream_last;   // by stream id: the last version seen
  std::vector<std::uint32_t> stream_at;     // by position - 1: stream id of the intact event
  std::vector<StreamVersion> version_at;    // by position - 1
  std::map<std::string, std::vector<StreamVersion>> stream_losses;
  std::map<Position, LostEvent> named_losses;
  std::string type_buffer;
  Status stop;  // the visitor's error
  // What a position without a key is: missing in a clean scan; unreadable where the scan failed
  // (RocksDB may answer "not found" for keys of a damaged block or file).
  LossKind gap_kind = LossKind::Missing;
  std::string gap_detail = "no record at these positions";

  std::uint32_t stream_id(std::string_view s) {
    auto [it, added] = stream_ids.try_emplace(std::string(s), static_cast<std::uint32_t>(stream_names.size()));
    if (added) {
      stream_names.emplace_back(s);
      stream_last.push_back(0);
    }
    return it->second;
  }

  void lose(Position p, LossKind kind, std::string_view detail) {
    if (!report.lost.empty() && report.lost.back().kind == kind && report.lost.back().last + 1 == p) {
      report.lost.back().last = p;
    } else {
      report.lost.push_back({p, p, kind, std::string(detail)});
    }
    stream_at.push_back(0);
    version_at.push_back(0);
  }

  void lose_range(Position first, Position last, LossKind kind, std::string_view detail) {
    for (Position p = first; p <= last; ++p) lose(p, kind, detail);
  }

  // One readable key of the log, in ascending order.
  void record(Position p, std::string_view value) {
    if (!stop) return;
    if (p < next) return;  // already classified (a point read before a re-seek)
    if (p > next) lose_range(next, p - 1, gap_kind, gap_detail);
    next = p + 1;
    RecordedEventView e;
    e.position = p;
    std::string_view in = value;
    std::uint64_t code = 0;
    if (in.empty() || in.front() != format::kRecordFormat) return lose(p, LossKind::BadRecord, "unknown record format");
    in.remove_prefix(1);
    if (!format::get_varint(in, e.stream_version) || !format::get_field(in, e.event_id) ||
        !format::get_field(in, e.stream) || !format::get_varint(in, code))
      return lose(p, LossKind::BadRecord, "truncated record header");
    if (e.event_id.empty() || e.stream.empty() || e.stream_version == 0) {
      return lose(p, LossKind::BadRecord, "empty event id or stream, or version 0");
    }
    e.data = in;
    const std::string* type = types.name(code);
    if (type) e.type = *type;
    if (options.check_data) {
      auto verdict = options.check_data(e);
      if (verdict.error) {
        named_losses[p] = {p, std::string(e.stream), e.stream_version};
        return lose(p, LossKind::BadData, *verdict.error);
      }
      if (!type) {
        type_buffer = verdict.type;
        e.type = type_buffer;
      } else if (!verdict.type.empty() && verdict.type != *type) {
        named_losses[p] = {p, std::string(e.stream), e.stream_version};
        return lose(p, LossKind::BadData,
                    fmt::format("the record says type '{}', its data '{}'", *type, verdict.type));
      }
    }
    if (e.type.empty()) {
      named_losses[p] = {p, std::string(e.stream), e.stream_version};
      return lose(p, LossKind::BadRecord, fmt::format("type code {} has no name", code));
    }
    std::uint32_t id = stream_id(e.stream);
    StreamVersion& last = stream_last[id - 1];
    if (e.stream_version > last + 1) {
      auto& v = stream_losses[stream_names[id]];
      for (StreamVersion x = last + 1; x < e.stream_version; ++x) v.push_back(x);
    } else if (e.stream_version <= last) {
      report.findings.push_back({"streams", fmt::format("stream '{}' has version {} again at position {} "
                                                        "(after version {})",
                                                        e.stream, e.stream_version, p, last)});
    }
    last = std::max(last, e.stream_version);
    stream_at.push_back(id);
    version_at.push_back(e.stream_version);
    ++report.intact_events;
    if (visit) stop = visit(e);
  }

  [[nodiscard]] std::unique_ptr<rocksdb::Iterator> iterator() const {
    rocksdb::ReadOptions r = tuning::scan_read_options();
    r.verify_checksums = true;
    return std::unique_ptr<rocksdb::Iterator>(db.db->NewIterator(r, db.log_cf));
  }

  // Classifies `first`..`last` one point read each.
  void point_reads(Position first, Position last) {
    if (last < first) return;
    if (last - first + 1 > kMaxPointReads) {
      lose_range(next, last, LossKind::Unreadable, "a wide range of the log does not read");
      return;
    }
    rocksdb::ReadOptions r;
    r.verify_checksums = true;
    std::string value;
    for (Position p = first; p <= last && stop; ++p) {
      format::PositionKey key(p);
      auto s = db.db->Get(r, db.log_cf, rocksdb::Slice(key.bytes, 8), &value);
      if (s.ok()) record(p, value);
      else if (s.IsNotFound()) continue;  // record() of a later key, or the end, reports the gap
      else {
        if (p > next) lose_range(next, p - 1, gap_kind, gap_detail);
        lose(p, LossKind::Unreadable, s.ToString());
        next = p + 1;
      }
    }
  }

  // The last position the table files' metadata knows of (their largest keys).
  [[nodiscard]] Position largest_known() const {
    rocksdb::ColumnFamilyMetaData meta;
    db.db->GetColumnFamilyMetaData(db.log_cf, &meta);
    Position m = 0;
    for (const auto& level : meta.levels)
      for (const auto& f : level.files)
        if (f.largestkey.size() == 8) m = std::max(m, format::get_be64(f.largestkey.data()));
    return m;
  }

  void scan_log() {
    const Position known_end = largest_known();
    auto it = iterator();
    format::PositionKey first(1);
    it->Seek(rocksdb::Slice(first.bytes, 8));
    while (stop) {
      if (it->Valid()) {
        rocksdb::Slice k = it->key();
        if (k.size() != 8) {
          report.findings.push_back({"log", fmt::format("a log key of {} bytes (not a position)", k.size())});
        } else {
          Position p = format::get_be64(k.data());
          if (p > next + kMaxPointReads && p > known_end)
            report.findings.push_back({"log", fmt::format("an implausible position {} after {}", p, next - 1)});
          else
            record(p, std::string_view(it->value().data(), it->value().size()));
        }
        it->Next();
        continue;
      }
      if (it->status().ok()) break;  // the end
      // Damage at or after `next`: probe ahead for a key that reads again.
      std::string error = it->status().ToString();
      std::optional<Position> resume;
      for (Position step = 1;; step *= 2) {
        Position probe = next + step;
        if (probe > known_end + 1) break;
        auto p = iterator();
        format::PositionKey key(probe);
        p->Seek(rocksdb::Slice(key.bytes, 8));
        if (p->Valid() && p->key().size() == 8) {
          resume = format::get_be64(p->key().data());
          break;
        }
        if (p->status().ok()) break;  // nothing readable after the probe
      }
      Position resolve_to = resume ? *resume - 1 : std::max(known_end, next);
      Position before = next;
      gap_kind = LossKind::Unreadable;
      gap_detail = error;
      point_reads(next, resolve_to);
      gap_kind = LossKind::Missing;
      gap_detail = "no record at these positions";
      if (next == before && !resume) {
        // Nothing could be classified: the damage lies past the last readable position.
        report.findings.push_back({"log", fmt::format("the log does not read past position {}: {}", next - 1, error)});
      } else if (next <= resolve_to && resume) {
        lose_range(next, resolve_to, LossKind::Unreadable, error);
        next = resolve_to + 1;
      }
      if (!resume) break;
      it = iterator();
      format::PositionKey key(*resume);
      it->Seek(rocksdb::Slice(key.bytes, 8));
    }
    report.last_position = std::max(next - 1, known_end);
    if (known_end >= next) lose_range(next, known_end, LossKind::Unreadable, "in a table file that does not read");
  }

  void check_files() {
    std::vector<rocksdb::LiveFileMetaData> files;
    db.db->GetLiveFilesMetaData(&files);
    rocksdb::DBOptions dbo = db.db->GetDBOptions();
    for (const auto& f : files) {
      rocksdb::Options o(dbo, rocksdb::ColumnFamilyOptions());
      std::string path = db.read_dir + f.name;
      rocksdb::Status s;
      try {
        s = rocksdb::VerifySstFileChecksum(o, rocksdb::EnvOptions(), path);
      } catch (const std::exception& e) {
        s = rocksdb::Status::Corruption(e.what());
      }
      if (s.ok()) continue;
      std::string range;
      if (f.column_family_name == format::kLogCf && f.smallestkey.size() == 8 && f.largestkey.size() == 8)
        range = fmt::format(", log positions {}..{}", format::get_be64(f.smallestkey.data()),
                            format::get_be64(f.largestkey.data()));
      report.findings.push_back({"files", fmt::format("table file {} (column family {}{}): {}",
                                                      f.name.substr(f.name.rfind('/') + 1),
                                                      f.column_family_name, range, s.ToString())});
    }
  }

  // The stream index: names lost positions, and must agree with the intact ones.
  void check_index() {
    if (!db.index_cf) {
      report.findings.push_back({"index", "the stream index column family is missing"});
      return;
    }
    auto counters = Indexer::load(db.db.get(), db.index_cf);
    if (!counters) {
      report.findings.push_back({"index", counters.error().message});
      return;
    }
    const Position head = next - 1;
    const Position indexed = counters->indexed;
    if (indexed > head)
      report.findings.push_back({"index", fmt::format("the index checkpoint {} is beyond the log's end {} "
                                                      "(the log lost its tail)",
                                                      indexed, head)});
    std::unique_ptr<rocksdb::Iterator> it(db.db->NewIterator(rocksdb::ReadOptions(), db.index_cf));
    std::vector<Position> run;
    const std::string prefix(1, format::kRunPrefix);
    std::uint64_t covered = 0, disagreements = 0;
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      std::string_view key(it->key().data() + 1, it->key().size() - 1);
      std::string_view stream;
      run.clear();
      if (!format::get_field(key, stream) || key.size() != 8 ||
          !decode_run(std::string_view(it->value().data(), it->value().size()), run)) {
        report.findings.push_back({"index", "a damaged stream index key or run"});
        continue;
      }
      StreamVersion v = format::get_be64(key.data());
      for (Position p : run) {
        ++covered;
        if (p == 0 || p > stream_at.size()) {
          ++disagreements;
        } else if (stream_at[p - 1] == 0) {
          auto& named = named_losses[p];
          if (named.stream.empty()) named = {p, std::string(stream), v};
          auto& losses = stream_losses[std::string(stream)];
          if (std::find(losses.begin(), losses.end(), v) == losses.end()) losses.push_back(v);
        } else if (stream_names[stream_at[p - 1]] != stream || version_at[p - 1] != v) {
          ++disagreements;
        }
        ++v;
      }
    }
    if (!it->status().ok())
      report.findings.push_back({"index", fmt::format("reading the stream index: {}", it->status().ToString())});
    if (disagreements)
      report.findings.push_back({"index", fmt::format("{} stream index entries disagree with the log", disagreements)});
    if (covered != indexed && indexed <= head && report.lost.empty())
      report.findings.push_back({"index", fmt::format("the stream index covers {} events, its checkpoint says {}",
                                                      covered, indexed)});
  }

  void check_metadata() {
    if (!db.meta_cf) {
      report.findings.push_back({"metadata", "the default column family is missing"});
      return;
    }
    std::string marker;
    auto s = db.db->Get(rocksdb::ReadOptions(), db.meta_cf, format::kMarkerKey, &marker);
    if (!s.ok() || marker != format::kMarkerValue)
      report.findings.push_back({"metadata", s.ok() ? "the store marker is wrong"
                                                    : fmt::format("the store marker: {}", s.ToString())});
    if (auto t = types.load(db.db.get(), db.meta_cf); !t) {
      types_damaged = true;
      report.findings.push_back({"metadata", t.error().message});
    }
  }

  void finish() {
    for (auto& [stream, versions] : stream_losses) {
      std::sort(versions.begin(), versions.end());
      report.streams.push_back({stream, std::move(versions)});
    }
    for (const auto& r : report.lost)
      for (Position p = r.first; p <= r.last && report.lost_events.size() < VerifyReport::kMaxLostEventsListed; ++p) {
        auto n = named_losses.find(p);
        report.lost_events.push_back(n != named_losses.end() ? n->second : LostEvent{p, {}, 0});
      }
  }
};

}  // namespace

Result<VerifyReport> verify_store(const std::string& dir, const VerifyOptions& options,
                                  const IntactEventVisitor& visit) {
  auto opened = open_damaged(dir, options.scratch_dir);
  if (!opened) return std::unexpected(opened.error());
  DamagedDb& db = **opened;
  VerifyReport report;
  report.dir = dir;
  report.opened_as = db.opened_as;
  report.findings = db.findings;
  std::string schema;
  if (db.meta_cf && db.db->Get(rocksdb::ReadOptions(), db.meta_cf, format::kSchemaKey, &schema).ok()) {
    std::uint64_t v = std::strtoull(schema.c_str(), nullptr, 10);
    if (v > format::kLayoutVersion)
      return store_error(StoreErrorCode::SchemaTooNew,
                         fmt::format("store {} has schema version {}, newer than this callwatch reads ({})",
                                     dir, v, format::kLayoutVersion));
  }
  Scan scan(db, options, visit, report);
  scan.check_metadata();
  if (!db.log_cf) {
    std::string marker;
    if (!db.meta_cf || !db.db->Get(rocksdb::ReadOptions(), db.meta_cf, format::kMarkerKey, &marker).ok())
      return store_error(StoreErrorCode::NotAStore, fmt::format("{} is not a callwatch store", dir));
    report.findings.push_back({"log", "the log column family is missing: every event is lost"});
    return report;
  }
  scan.check_files();
  scan.scan_log();
  if (!scan.stop) return std::unexpected(scan.stop.error());
  scan.check_index();
  scan.finish();
  return report;
}

}  // namespace callwatch::eventstore
