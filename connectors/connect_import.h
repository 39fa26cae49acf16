// `callwatch import`: Amazon Connect history from files into one store, with the same
// translation as ingest (connect_translator.h).
//
// Every file is read through once first (record_file.h): a file that is not a clean sequence
// of records (truncated gzip, not UTF-8, a record over 1 MiB, an unclosed object) stops the
// import before anything is written, naming the file and byte. Then the records are
// translated in file order, `batch` records per atomic store write. Re-importing writes
// nothing: fact ids come from the records' own ids (a duplicate is dropped) and a record
// whose facts the store holds already changes nothing. A record refused by the translator
// (not a Connect record of the format) is counted with its reason and the rest go on.
// A crash mid-import leaves whole batches; importing again completes it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "connectors/connect_translator.h"
#include "connectors/error.h"
#include "eventstore/options.h"

namespace callwatch::connectors {

struct ImportOptions {
  std::string data_dir;
  ConnectFormat format = ConnectFormat::Ctr;
  std::vector<std::string> files;
  std::size_t batch = 4096;
  std::optional<eventstore::Durability> durability;
  // Called after each batch and at the end of each file (progress on stderr).
  std::function<void(const std::string& file, std::uint64_t records, const ConnectCounters&)> progress;
};

struct RefusedRecord {
  std::string file;
  std::uint64_t record = 0;  // 1-based, in the file
  std::uint64_t byte = 0;    // offset of the record's end in the (decompressed) file
  RecordProblem problem;
};

struct ImportReport {
  ConnectCounters counters;
  std::vector<RefusedRecord> refused;  // the first 100
};

[[nodiscard]] Result<ImportReport> run_import(const ImportOptions& options);

}  // namespace callwatch::connectors
