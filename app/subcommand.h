// How a `callwatch` subcommand plugs into the command line.
//
// Each subcommand lives in its own file under app/commands/ and registers itself with
// CALLWATCH_SUBCOMMAND (written in the namespace where the class is declared); main.cpp knows none of them by name. configure() declares options on
// the subcommand's CLI::App; run() does the work and returns the process exit code
// (0 success, 1 failure the user should read about on stderr, 2 usage error).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <span>
#include <string_view>

namespace callwatch::app {

class Subcommand {
 public:
  virtual ~Subcommand() = default;
  virtual void configure(CLI::App& app) = 0;
  [[nodiscard]] virtual int run() = 0;
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
