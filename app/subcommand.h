// How a `callwatch` subcommand plugs into the command line.
//
// Each subcommand lives in its own file under app/commands/ and registers itself with
// CALLWATCH_SUBCOMMAND (written in the namespace where the class is declared); main.cpp knows none of them by name. configure() declares options on
// the subcommand's CLI::App; run() does the work and returns the process exit code
// (0 success, kExitFailure for a failure the user should read about on stderr, kExitUsage
// for a usage error).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "eventstore/options.h"

namespace callwatch::app {

inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

class Subcommand {
 public:
  virtual ~Subcommand() = default;
  virtual void configure(CLI::App& app) = 0;
  [[nodiscard]] virtual int run() = 0;
  // The name it was registered under; main.cpp sets it before configure().
  void set_name(std::string_view name) { name_ = name; }

 protected:
  [[nodiscard]] std::string_view name() const { return name_; }
  // Writes "callwatch <name>: <message>" on stderr and returns `code`, for `return fail(...)`.
  int fail(std::string_view message, int code = kExitFailure) const;

  // --durability sync|wal, declared and parsed the same way by every subcommand that writes.
  void add_durability_option(CLI::App& app, std::string_view help);
  // The option's value: nullopt when not given; a usage error (printed) when not sync or wal.
  [[nodiscard]] bool durability(std::optional<eventstore::Durability>& out) const;

 private:
  std::string_view name_;
  std::string durability_;
};

struct SubcommandInfo {
  std::string_view name;
  std::string_view help;
  std::unique_ptr<Subcommand> (*make)();
};

bool register_subcommand(SubcommandInfo info);
[[nodiscard]] std::span<const SubcommandInfo> registered_subcommands();

}  // namespace callwatch::app

#define CALLWATCH_SUBCOMMAND(Class, name, help)                                      \
  static const bool callwatch_registered_##Class = ::callwatch::app::register_subcommand( \
      {name, help, []() -> std::unique_ptr<::callwatch::app::Subcommand> {            \
         return std::make_unique<Class>();                                             \
       }})
