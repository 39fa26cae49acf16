// `callwatch import --data DIR --format connect-ctr|connect-agent|connect-contact FILE...`:
// Amazon Connect history from files (JSON lines or concatenated objects, gzipped or not)
// into a store, translated as ingest does (connectors/connect_import.h). Progress on stderr,
// then a summary. Exit 0; 1 when a file or the store failed (nothing of the failing file's
// checks written: files are checked before anything is); 3 when some records were refused
// (the others are imported, the refusals listed).
#include <fmt/format.h>

#include <cstdio>

#include "app/subcommand.h"
#include "connectors/connect_import.h"

namespace callwatch::app {
namespace {

constexpr int kExitRefused = 3;

class Import final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", o_.data_dir, "Data directory of the store (created if missing)")->required();
    app.add_option("--format", format_, "connect-ctr, connect-agent or connect-contact")->required();
    app.add_option("files", o_.files, "Files: JSON lines or concatenated JSON objects, gzipped or not")->required();
    app.add_option("--batch", o_.batch, "Records per store write (default 4096)");
    add_durability_option(app, "sync or wal (default: the store's mode, sync for a new store)");
    app.add_flag("--quiet", quiet_, "No progress on stderr");
  }

  int run() override {
    if (format_ == "connect-ctr") o_.format = connectors::ConnectFormat::Ctr;
    else if (format_ == "connect-agent") o_.format = connectors::ConnectFormat::Agent;
    else if (format_ == "connect-contact") o_.format = connectors::ConnectFormat::Contact;
    else return fail("--format must be connect-ctr, connect-agent or connect-contact, got '" + format_ + "'", kExitUsage);
    if (o_.batch == 0) return fail("--batch must be at least 1", kExitUsage);
    if (!durability(o_.durability)) return kExitUsage;
    if (!quiet_)
      o_.progress = [](const std::string& file, std::uint64_t records, const connectors::ConnectCounters& c) {
        fmt::print(stderr, "callwatch import: {}: {} records, {} events written so far\n", file, records, c.events);
      };
    auto r = connectors::run_import(o_);
    if (!r) return fail(r.error().message);
    const auto& c = r->counters;
    fmt::print(stderr,
               "callwatch import: {} records read, {} events written, {} duplicates, {} findings, {} refused, "
               "{} unchanged, {} stale, {} unknown fields, {} unknown event types, {} unsupported contacts\n",
               c.records, c.events, c.duplicates, c.findings, c.refused, c.unchanged, c.stale, c.unknown_fields,
               c.unknown_event_types, c.unsupported);
    for (const auto& x : r->refused)
      fmt::print(stderr, "callwatch import: refused {} record {}: {}: {}\n", x.file, x.record, x.problem.code,
                 x.problem.reason);
    if (c.refused > r->refused.size())
      fmt::print(stderr, "callwatch import: ... and {} more refused\n", c.refused - r->refused.size());
    return c.refused ? kExitRefused : 0;
  }

 private:
  connectors::ImportOptions o_;
  std::string format_;
  bool quiet_ = false;
};

CALLWATCH_SUBCOMMAND(Import, "import", "Import Amazon Connect history (contact records, agent or contact events) from files");

}  // namespace
}  // namespace callwatch::app
