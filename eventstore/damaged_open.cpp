#include "eventstore/damaged_open.h"

#include <fmt/format.h>
#include <rocksdb/env.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>

#include "eventstore/format.h"
#include "eventstore/tuning.h"

namespace callwatch::eventstore {

namespace fs = std::filesystem;

namespace {

// Read-only and with a null info log (tuning.h): the original's directory stays byte for byte
// as it was.
rocksdb::DBOptions base_options(bool paranoid, rocksdb::WALRecoveryMode wal) {
  rocksdb::DBOptions o = tuning::read_only_db_options(Options{});
  o.paranoid_checks = paranoid;
  o.wal_recovery_mode = wal;
  return o;
}

rocksdb::ColumnFamilyOptions cf_options(const std::string& name) {
  Options o;
  if (name == format::kLogCf) return tuning::log_cf_options(o);
  if (name == format::kIndexCf) return tuning::index_cf_options(o);
  return tuning::small_cf_options(o);
}

// Opens `dir` read-only with the column families its MANIFEST lists; the error is RocksDB's.
rocksdb::Status open_read_only(const std::string& dir, const rocksdb::DBOptions& dbo, DamagedDb& out) {
  std::vector<std::string> names;
  auto s = rocksdb::DB::ListColumnFamilies(dbo, dir, &names);
  if (!s.ok()) return s;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, cf_options(n));
  rocksdb::DB* raw = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  try {
    s = rocksdb::DB::OpenForReadOnly(dbo, dir, cfs, &handles, &raw);
  } catch (const std::exception& e) {  // RocksDB should not throw; a damaged file must not kill us
    return rocksdb::Status::Corruption(e.what());
  }
  if (!s.ok()) return s;
  out.db.reset(raw);
  out.handles = handles;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == rocksdb::kDefaultColumnFamilyName) out.meta_cf = handles[i];
    if (names[i] == format::kLogCf) out.log_cf = handles[i];
    if (names[i] == format::kIndexCf) out.index_cf = handles[i];
  }
  out.read_dir = dir;
  return s;
}

bool has_database_files(const std::string& dir, bool& has_current) {
  std::error_code ec;
  bool any = false;
  has_current = false;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string n = it->path().filename().string();
    if (n == "CURRENT") has_current = true;
    if (n == "CURRENT" || n.starts_with("MANIFEST-") || n.ends_with(".sst") || n.ends_with(".log"))
      any = true;
  }
  return any;
}

// Copies the database's own files (not the projections' directory, not the LOCK or info logs).
[[nodiscard]] Status copy_database(const std::string& from, const std::string& to) {
  std::error_code ec;
  for (auto it = fs::directory_iterator(from, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string n = it->path().filename().string();
    if (n == "LOCK" || n.starts_with("LOG") || !it->is_regular_file()) continue;
    std::error_code ce;
    fs::copy_file(it->path(), fs::path(to) / n, ce);
    if (ce)
      return store_error(StoreErrorCode::IoError,
                         fmt::format("copying {} to {}: {}", it->path().string(), to, ce.message()));
  }
  if (ec) return store_error(StoreErrorCode::IoError, fmt::format("listing {}: {}", from, ec.message()));
  return {};
}

}  // namespace

DamagedDb::~DamagedDb() {
  if (db) {
    for (auto* h : handles)
      ignore_error(db->DestroyColumnFamilyHandle(h),
                   "closing a read-only copy");
    ignore_error(db->Close(), "closing a read-only copy");
    db.reset();
  }
  if (!copy_dir.empty()) {
    std::error_code ec;
    fs::remove_all(copy_dir, ec);
  }
}

Result<std::unique_ptr<DamagedDb>> open_damaged(const std::string& dir, const std::string& scratch_dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return store_error(StoreErrorCode::NotAStore, fmt::format("there is no store at {}", dir));
  bool has_current = false;
  if (!has_database_files(dir, has_current))
    return store_error(StoreErrorCode::NotAStore,
                       fmt::format("{} holds no RocksDB database (no CURRENT, MANIFEST, table "
                                   "or log files)",
                                   dir));
  auto out = std::make_unique<DamagedDb>();
  if (has_current) {
    auto s = open_read_only(dir, base_options(true, rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords), *out);
    if (s.ok() && out->log_cf) {
      out->opened_as = "direct";
      return out;
    }
    out->findings.push_back({"files", s.ok() ? std::string("the MANIFEST lists no log column family")
                                             : fmt::format("RocksDB refuses the store: {}", s.ToString())});
    out->db.reset();
    out->handles.clear();
    s = open_read_only(dir, base_options(false, rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords), *out);
    if (s.ok() && out->log_cf) {
      out->opened_as = "tolerant";
      return out;
    }
    if (!s.ok()) out->findings.push_back({"files", fmt::format("RocksDB refuses the store even without paranoid checks: {}", s.ToString())});
    out->db.reset();
    out->handles.clear();
  } else {
    out->findings.push_back({"files", "the CURRENT file is missing (a copy cut short?)"});
  }

  // 3. Repair a copy.
  std::string base = scratch_dir.empty() ? fs::temp_directory_path(ec).string() : scratch_dir;
  std::string tmpl = base + "/callwatch-repair-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr)
    return store_error(StoreErrorCode::IoError, fmt::format("cannot create a scratch directory in {}", base));
  out->copy_dir = tmpl;
  if (auto c = copy_database(dir, out->copy_dir); !c) return std::unexpected(c.error());
  rocksdb::DBOptions dbo = base_options(false, rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords);
  std::vector<rocksdb::ColumnFamilyDescriptor> ours;
  for (std::string n : {std::string(rocksdb::kDefaultColumnFamilyName), std::string(format::kLogCf),
                        std::string(format::kIndexCf), std::string(format::kCheckpointsCf),
                        std::string(format::kAuxCf)})
    ours.emplace_back(n, cf_options(n));
  rocksdb::Status rs;
  try {
    rs = rocksdb::RepairDB(out->copy_dir, dbo, ours, tuning::small_cf_options(Options{}));
  } catch (const std::exception& e) {
    rs = rocksdb::Status::Corruption(e.what());
  }
  if (!rs.ok())
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("store {} cannot be read: RocksDB's repair of a copy failed: {}", dir,
                                   rs.ToString()));
  auto s = open_read_only(out->copy_dir, dbo, *out);
  if (!s.ok())
    return store_error(StoreErrorCode::Corruption,
                       fmt::format("store {} cannot be read, not even a repaired copy: {}", dir, s.ToString()));
  out->findings.push_back({"manifest", "read from a copy rebuilt by RocksDB's repair (RepairDB); the "
                                       "original was not touched"});
  out->opened_as = "repaired-copy";
  return out;
}

}  // namespace callwatch::eventstore
