// Opening a store: refuse anything that is not ours, then rebuild the writer's memory.
#include <fmt/format.h>
#include <rocksdb/convenience.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "eventstore/event_store.h"
#include "eventstore/format.h"
#include "eventstore/store_impl.h"
#include "eventstore/tuning.h"

namespace callwatch::eventstore {

namespace fs = std::filesystem;

StoreError rocks_status_error(const rocksdb::Status& s, std::string_view what) {
  StoreErrorCode code = StoreErrorCode::IoError;
  if (s.IsCorruption()) code = StoreErrorCode::Corruption;
  return StoreError{code, fmt::format("{}: {}", what, s.ToString())};
}

namespace {

const std::vector<std::string>& our_column_families() {
  static const std::vector<std::string> cfs{
      rocksdb::kDefaultColumnFamilyName, std::string(format::kLogCf),
      std::string(format::kIndexCf), std::string(format::kCheckpointsCf),
      std::string(format::kAuxCf)};
  return cfs;
}

std::vector<rocksdb::ColumnFamilyDescriptor> descriptors(const Options& o) {
  return {{rocksdb::kDefaultColumnFamilyName, tuning::small_cf_options(o)},
          {std::string(format::kLogCf), tuning::log_cf_options(o)},
          {std::string(format::kIndexCf), tuning::index_cf_options(o)},
          {std::string(format::kCheckpointsCf), tuning::small_cf_options(o)},
          {std::string(format::kAuxCf), tuning::small_cf_options(o)}};
}

// What is in the directory before we touch it.
enum class DirState { Missing, Empty, Database };

[[nodiscard]] Result<DirState> inspect_directory(const std::string& dir) {
  std::error_code ec;
  auto st = fs::status(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    return store_error(StoreErrorCode::IoError, fmt::format("cannot inspect {}: {}", dir, ec.message()));
  if (!fs::exists(st)) return DirState::Missing;
  if (!fs::is_directory(st))
    return store_error(StoreErrorCode::NotAStore,
                       fmt::format("{} is not a callwatch store: it is not a directory", dir));
  std::optional<std::string> first;
  bool has_current = false;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name == "CURRENT") has_current = true;
    if (!first || name < *first) first = name;
  }
  if (ec)
    return store_error(StoreErrorCode::IoError, fmt::format("cannot list {}: {}", dir, ec.message()));
  if (!first) return DirState::Empty;
  if (!has_current)
    return store_error(StoreErrorCode::NotAStore,
                       fmt::format("{} is not a callwatch store: it holds other files (e.g. '{}') "
                                   "and no database; nothing was changed",
                                   dir, *first));
  return DirState::Database;
}

[[nodiscard]] Result<std::uint32_t> parse_schema(const std::string& dir, const std::string& v) {
  std::uint32_t n = 0;
  if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), ::isdigit))
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("store {} has an unreadable schema version '{}'", dir, v));
  for (char c : v) n = n * 10 + static_cast<std::uint32_t>(c - '0');
  if (n > format::kLayoutVersion)
    return store_error(StoreErrorCode::SchemaTooNew,
                       fmt::format("store {} has schema version {}, newer than this callwatch "
                                   "reads ({}); upgrade callwatch. Nothing was changed",
                                   dir, n, format::kLayoutVersion));
  return n;
}

// What check_existing found. `scan` is filled only for an open for writing.
struct Existing {
  bool marker_present = false;  // absent only for an interrupted creation
  std::optional<LogScan> scan;
};

// The last position of the log (0 when empty).
[[nodiscard]] Result<Position> log_head(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* log_cf, const std::string& dir) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), log_cf));
  it->SeekToLast();
  if (!it->status().ok()) return std::unexpected(rocks_status_error(it->status(), "reading the log"));
  if (!it->Valid()) return Position{0};
  if (it->key().size() != 8)
    return store_error(StoreErrorCode::Corruption, fmt::format("store {}: damaged log key", dir));
  return format::get_be64(it->key().data());
}

// Everything a writable open would refuse after RocksDB had opened the database (and so
// already written a new MANIFEST, replayed the WAL into a table file...), checked on the
// read-only handle instead: the type dictionary, the index counters, the whole log.
[[nodiscard]] Result<LogScan> scan_for_writing(rocksdb::DB* db, const std::vector<rocksdb::ColumnFamilyHandle*>& cfs,
                                 const std::string& dir) {
  TypeDictionary types;
  if (auto st = types.load(db, cfs[0]); !st) return std::unexpected(st.error());
  auto counters = Indexer::load(db, cfs[2]);
  if (!counters) return std::unexpected(counters.error());
  auto head = log_head(db, cfs[1], dir);
  if (!head) return std::unexpected(head.error());
  // An index ahead of the log is wiped by the writable open (see there): all is tail then.
  const Position indexed = counters->indexed > *head ? 0 : counters->indexed;
  LogScan scan;
  if (auto st = scan_log(db, cfs[1], types, dir, indexed, *head, scan); !st)
    return std::unexpected(st.error());
  return scan;
}

// Checks an existing database read-only, so that nothing of a foreign or damaged database is
// rewritten: a refused open leaves every byte of the directory as it was (the info log too,
// tuning::read_only_db_options).
[[nodiscard]] Result<Existing> check_existing(const std::string& dir, const Options& options) {
  std::vector<std::string> names;
  rocksdb::DBOptions dbo = tuning::read_only_db_options(options);
  auto s = rocksdb::DB::ListColumnFamilies(dbo, dir, &names);
  if (!s.ok())
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("store {} is damaged: cannot read its manifest ({}); nothing "
                                   "was changed",
                                   dir, s.ToString()));
  std::set<std::string> have(names.begin(), names.end());
  std::set<std::string> want(our_column_families().begin(), our_column_families().end());
  if (have != want) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    // Ours with column families missing (a damaged manifest), or someone else's database?
    std::vector<rocksdb::ColumnFamilyDescriptor> theirs;
    for (const auto& n : names) theirs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    auto os = rocksdb::DB::OpenForReadOnly(dbo, dir, theirs, &handles, &raw);
    if (!os.ok())
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {} is damaged: {}; nothing was changed", dir,
                                     os.ToString()));
    std::string marker;
    bool ours = raw->Get(rocksdb::ReadOptions(), handles[0], format::kMarkerKey, &marker).ok();
    for (auto* h : handles)
      ignore_error(raw->DestroyColumnFamilyHandle(h),
                   "a handle of a probe about to be deleted");
    delete raw;
    if (ours)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {} is damaged: its manifest lists only the column "
                                     "families {}; nothing was changed",
                                     dir, list));
    return store_error(StoreErrorCode::NotAStore,
                       fmt::format("{} is a RocksDB database but not a callwatch store (column "
                                   "families: {}); nothing was changed",
                                   dir, list));
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(dbo, dir, descriptors(options), &handles, &raw);
  if (!s.ok())
    return store_error(s.IsCorruption() ? StoreErrorCode::Corruption : StoreErrorCode::IoError,
                       fmt::format("store {} cannot be opened: {}; nothing was changed", dir,
                                   s.ToString()));
  std::unique_ptr<rocksdb::DB> db(raw);
  auto release = [&] {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  };
  std::string marker, schema;
  auto ms = db->Get(rocksdb::ReadOptions(), handles[0], format::kMarkerKey, &marker);
  auto ss = db->Get(rocksdb::ReadOptions(), handles[0], format::kSchemaKey, &schema);
  if (ms.IsNotFound()) {
    // Our column families but no marker: either a creation interrupted before its first
    // write (empty log: finish it), or something else.
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[1]));
    it->SeekToFirst();
    bool empty = !it->Valid() && it->status().ok();
    it.reset();
    release();
    if (empty) return Existing{};
    return store_error(StoreErrorCode::NotAStore,
                       fmt::format("{} is a RocksDB database without the callwatch store marker; "
                                   "nothing was changed",
                                   dir));
  }
  auto result = [&]() -> Result<Existing> {
    if (!ms.ok()) return std::unexpected(rocks_status_error(ms, fmt::format("reading {}", dir)));
    if (marker != format::kMarkerValue)
      return store_error(StoreErrorCode::NotAStore,
                         fmt::format("{} is not a callwatch store (marker '{}')", dir, marker));
    if (!ss.ok())
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {} has no schema version", dir));
    auto v = parse_schema(dir, schema);
    if (!v) return std::unexpected(v.error());
    Existing e{.marker_present = true, .scan = std::nullopt};
    if (!options.read_only) {
      auto scan = scan_for_writing(db.get(), handles, dir);
      if (!scan) return std::unexpected(scan.error());
      e.scan = std::move(*scan);
    }
    return e;
  }();
  release();
  return result;
}

}  // namespace

Result<std::unique_ptr<EventStore>> EventStore::open(const std::string& dir,
                                                     const Options& options) {
  auto impl = std::make_shared<StoreImpl>();
  impl->path = dir;
  impl->options = options;
  rocksdb::DBOptions dbo = tuning::db_options(options);

  bool creating = true;
  bool marker_present = false;
  std::optional<LogScan> scanned;  // the log as checked read-only before a writable open
  if (options.in_memory) {
    impl->mem_env.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    dbo.env = impl->mem_env.get();
  } else {
    auto state = inspect_directory(dir);
    if (!state) return std::unexpected(state.error());
    if (*state == DirState::Database) {
      auto checked = check_existing(dir, options);
      if (!checked) return std::unexpected(checked.error());
      marker_present = checked->marker_present;
      scanned = std::move(checked->scan);
      creating = false;
    } else if (!options.create_if_missing || options.read_only) {
      return store_error(StoreErrorCode::NotAStore, fmt::format("there is no store at {}", dir));
    } else if (std::error_code ec; (fs::create_directories(dir, ec), ec)) {
      return store_error(StoreErrorCode::IoError, fmt::format("cannot create {}: {}", dir, ec.message()));
    }
  }
  if (options.read_only && !marker_present)
    return store_error(StoreErrorCode::NotAStore, fmt::format("there is no store at {}", dir));

  dbo.create_if_missing = creating;
  dbo.create_missing_column_families = creating;
  if (options.read_only) dbo = tuning::read_only_db_options(options);
  rocksdb::DB* raw = nullptr;
  auto s = options.read_only
               ? rocksdb::DB::OpenForReadOnly(dbo, dir, descriptors(options), &impl->handles, &raw)
               : rocksdb::DB::Open(dbo, dir, descriptors(options), &impl->handles, &raw);
  if (!s.ok()) {
    std::string msg = s.ToString();
    if (s.IsIOError() && msg.find("lock") != std::string::npos)
      return store_error(StoreErrorCode::InUse,
                         fmt::format("store {} is open for writing by another process ({})", dir, msg));
    return std::unexpected(rocks_status_error(s, fmt::format("opening store {}", dir)));
  }
  impl->db.reset(raw);
  impl->meta_cf = impl->handles[0];
  impl->log_cf = impl->handles[1];
  impl->index_cf = impl->handles[2];
  impl->checkpoints_cf = impl->handles[3];
  impl->aux_cf = impl->handles[4];

  // Metadata: write it on creation, read the durability mode otherwise.
  std::string stored;
  auto ds = impl->db->Get(rocksdb::ReadOptions(), impl->meta_cf, format::kDurabilityKey, &stored);
  std::optional<Durability> recorded = ds.ok() ? parse_durability(stored) : std::nullopt;
  impl->durability = options.durability.value_or(recorded.value_or(Durability::Sync));
  if (!options.read_only && (!marker_present || recorded != impl->durability)) {
    rocksdb::WriteBatch wb;
    if (!marker_present) {
      wb.Put(impl->meta_cf, format::kMarkerKey, format::kMarkerValue);
      wb.Put(impl->meta_cf, format::kSchemaKey, std::to_string(format::kLayoutVersion));
    }
    wb.Put(impl->meta_cf, format::kDurabilityKey, to_string(impl->durability));
    rocksdb::WriteOptions wo;
    wo.sync = true;
    s = impl->db->Write(wo, &wb);
    if (!s.ok()) return std::unexpected(rocks_status_error(s, "writing the store marker"));
  }
  impl->write_options = tuning::write_options(impl->durability);
  if (auto st = impl->types.load(impl->db.get(), impl->meta_cf); !st) return std::unexpected(st.error());

  // The head is the last key of the log.
  auto head = log_head(impl->db.get(), impl->log_cf, dir);
  if (!head) return std::unexpected(head.error());
  impl->head.store(*head);

  if (options.read_only) {
    auto c = Indexer::load(impl->db.get(), impl->index_cf);
    if (!c) return std::unexpected(c.error());
    impl->readonly_index = std::move(*c);
    // An index ahead of the log (lost WAL tail after a power cut) is useless: read the log.
    if (impl->readonly_index.indexed > impl->head.load()) impl->readonly_index = IndexCounters{};
  } else {
    impl->indexer = std::make_unique<Indexer>(impl->db.get(), impl->index_cf, &impl->types);
    if (auto st = impl->indexer->load(); !st) return std::unexpected(st.error());
    if (impl->indexer->indexed() > impl->head.load()) {
      if (auto st = impl->indexer->wipe(); !st) return std::unexpected(st.error());
    }
    // The read-only scan holds if the writable open sees the same log (it replays the same WAL;
    // anything else, e.g. a writer that appended in between, and the log is scanned again).
    if (scanned && scanned->head == impl->head.load() && scanned->indexed == impl->indexer->indexed()) {
      impl->heads = std::move(scanned->heads);
      impl->ids = std::move(scanned->ids);
      if (auto st = impl->indexer->index_now(scanned->tail, scanned->head); !st)
        return std::unexpected(st.error());
    } else if (auto st = impl->rebuild_writer_state(); !st) {
      return std::unexpected(st.error());
    }
    impl->indexer->set_backlog_threshold(std::max<std::uint64_t>(1, options.max_index_lag / 2));
    impl->indexer->start();
  }
  return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
}

Status scan_log(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* log_cf, const TypeDictionary& types,
                const std::string& path, Position indexed, Position head, LogScan& out) {
  out.head = head;
  out.indexed = indexed;
  Position expected = 1;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(tuning::scan_read_options(), log_cf));
  RecordedEventView e;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 8)
      return store_error(StoreErrorCode::Corruption, fmt::format("store {}: damaged log key", path));
    Position p = format::get_be64(it->key().data());
    if (p != expected)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {}: the log has a gap: position {} is followed by {}",
                                     path, expected - 1, p));
    std::string_view value(it->value().data(), it->value().size());
    std::uint64_t type_code = 0;
    if (!format::decode_record(value, e, types, &type_code))
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {}: damaged record at position {}", path, p));
    StreamHeads::Slot& h = out.heads.get_or_add(e.stream, StreamHeads::hash(e.stream));
    StreamVersion current = h.version;
    if (e.stream_version != current + 1)
      return store_error(StoreErrorCode::Corruption,
                         fmt::format("store {}: stream '{}' jumps from version {} to {} at "
                                     "position {}",
                                     path, e.stream, current, e.stream_version, p));
    h.version = e.stream_version;
    out.ids.insert(hash_id(e.event_id), p);
    if (p > indexed) {
      Indexer::add_part(out.tail, e.stream, e.stream_version, p, 1);
      Indexer::add_type(out.tail, static_cast<std::uint32_t>(type_code));
    }
    ++expected;
  }
  if (!it->status().ok())
    return std::unexpected(rocks_status_error(it->status(), fmt::format("reading store {}", path)));
  if (expected - 1 != head)
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("store {}: log ends at {} but its last key is {}", path,
                                   expected - 1, head));
  return {};
}

Status StoreImpl::rebuild_writer_state() {
  LogScan scan;
  if (auto st = scan_log(db.get(), log_cf, types, path, indexer->indexed(), head.load(), scan); !st)
    return st;
  heads = std::move(scan.heads);
  ids = std::move(scan.ids);
  return indexer->index_now(scan.tail, head.load());
}

void StoreImpl::shut_down() {
  if (closing.exchange(true)) return;
  {
    std::lock_guard l(head_mu);
  }
  head_cv.notify_all();
  if (indexer) {
    indexer->stop();
    // Persist the index so the next open does not re-derive it from the log.
    rocksdb::FlushOptions fo;
    ignore_error(db->Flush(fo, index_cf), "the next open re-derives an index that was not flushed");
  }
}

StoreImpl::~StoreImpl() {
  shut_down();
  indexer.reset();
  if (db) {
    for (auto* h : handles)
      ignore_error(db->DestroyColumnFamilyHandle(h),
                   "closing: nothing is left to act on a failure");
    handles.clear();
    ignore_error(db->Close(), "closing: the log was synced by its writes");
    db.reset();
  }
}

EventStore::EventStore(std::shared_ptr<StoreImpl> impl) : impl_(std::move(impl)) {}
EventStore::~EventStore() { impl_->shut_down(); }

Durability EventStore::durability() const { return impl_->durability; }
const std::string& EventStore::path() const { return impl_->path; }
bool EventStore::read_only() const { return impl_->options.read_only; }
Position EventStore::last_position() const { return impl_->head.load(std::memory_order_acquire); }

}  // namespace callwatch::eventstore
