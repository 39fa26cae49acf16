#include "app/subcommand.h"

#include <fmt/format.h>

namespace callwatch::app {

int Subcommand::fail(std::string_view message, int code) const {
  fmt::print(stderr, "callwatch {}: {}\n", name_, message);
  return code;
}

void Subcommand::add_durability_option(CLI::App& app, std::string_view help) {
  app.add_option("--durability", durability_, std::string(help));
}

bool Subcommand::durability(std::optional<eventstore::Durability>& out) const {
  out.reset();
  if (durability_.empty()) return true;
  out = eventstore::parse_durability(durability_);
  if (out) return true;
  fail(fmt::format("--durability must be sync or wal, got '{}'", durability_), kExitUsage);
  return false;
}

}  // namespace callwatch::app
